/** Live checklist of the password rules, ticking each one off as the user types. */
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { characterClasses, DEFAULT_SECURITY_POLICY, passwordProblems, type SecurityPolicy } from '@kechuang/domain';
import { Flex, Typography, theme } from 'antd';

interface Props {
  password: string | undefined;
  username?: string | undefined;
  policy?: SecurityPolicy;
}

type State = 'idle' | 'ok' | 'bad';

export function PasswordRuleHints({ password, username, policy = DEFAULT_SECURITY_POLICY }: Props) {
  const { token } = theme.useToken();
  const pw = password ?? '';
  const typed = pw.length > 0;
  const state = (ok: boolean): State => (!typed ? 'idle' : ok ? 'ok' : 'bad');
  const problems = typed ? passwordProblems(pw, policy, { username }) : [];
  const rules: { key: string; text: string; state: State }[] = [
    { key: 'length', text: `长度至少 ${policy.minLength} 位`, state: state(pw.length >= policy.minLength && pw.length <= 128) },
    {
      key: 'classes',
      text: `包含大写字母、小写字母、数字、符号中的至少 ${policy.minCharClasses} 类${typed ? `（当前 ${characterClasses(pw)} 类）` : ''}`,
      state: state(characterClasses(pw) >= policy.minCharClasses),
    },
    { key: 'space', text: '不含空格等空白字符', state: state(!/\s/.test(pw)) },
  ];
  if (policy.rejectWeakPasswords) {
    rules.push({ key: 'weak', text: '不是常见弱口令（如 Admin@123、Passw0rd）', state: state(!problems.some((p) => p.includes('弱口令'))) });
    if (username && username.length >= 3) {
      rules.push({ key: 'username', text: '不包含用户名', state: state(!problems.some((p) => p.includes('用户名'))) });
    }
  }
  const icon = (s: State) =>
    s === 'ok' ? (
      <CheckCircleFilled style={{ color: token.colorSuccess }} />
    ) : s === 'bad' ? (
      <CloseCircleFilled style={{ color: token.colorError }} />
    ) : (
      <MinusCircleOutlined style={{ color: token.colorTextQuaternary }} />
    );
  return (
    <Flex vertical gap={2} style={{ marginTop: 4, marginBottom: 4 }} aria-label="密码规则">
      {rules.map((r) => (
        <Typography.Text key={r.key} type={r.state === 'bad' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {icon(r.state)} <span style={{ marginLeft: 4 }}>{r.text}</span>
        </Typography.Text>
      ))}
    </Flex>
  );
}
