/** New password + confirmation with the live rule checklist; the confirmation is never sent to the server. */
import { ProFormText } from '@ant-design/pro-components';
import type { SecurityPolicy } from '@kechuang/domain';
import { Form, type ColProps } from 'antd';
import { confirmPasswordRules, passwordRules } from '../lib/rules';
import { usePasswordPolicy } from '../api/password-policy';
import { PasswordRuleHints } from './PasswordRuleHints';

interface Props {
  /** Form path of the password, e.g. ['user', 'password'] or ['newPassword']. */
  name: (string | number)[];
  /** Form path of the confirmation; keep it outside the submitted object. */
  confirmName: (string | number)[];
  /** Form path of the username the password must not contain, or the username itself. */
  usernamePath?: (string | number)[];
  username?: string;
  label?: string;
  /** Column props when the form uses `grid`. */
  colProps?: ColProps;
  /** A policy to check against instead of the live one (the security policy page previews its own edits). */
  policy?: SecurityPolicy;
}

export function PasswordFields({ name, confirmName, usernamePath, username, label = '密码', colProps, policy: given }: Props) {
  const live = usePasswordPolicy();
  const policy = given ?? live;
  const form = Form.useFormInstance();
  const password = Form.useWatch(name, form) as string | undefined;
  const watchedUsername = Form.useWatch(usernamePath ?? ['__none__'], form) as string | undefined;
  return (
    <>
      <ProFormText.Password
        name={name}
        label={label}
        colProps={colProps}
        rules={passwordRules(usernamePath, policy, username, '密码不符合下列规则，请修改')}
        fieldProps={{ autoComplete: 'new-password', maxLength: 128 }}
        extra={<PasswordRuleHints password={password} username={username ?? watchedUsername} policy={policy} />}
        dependencies={usernamePath ? [usernamePath] : []}
      />
      <ProFormText.Password
        name={confirmName}
        label={`确认${label}`}
        colProps={colProps}
        rules={confirmPasswordRules(name)}
        dependencies={[name]}
        fieldProps={{ autoComplete: 'new-password', maxLength: 128 }}
      />
    </>
  );
}
