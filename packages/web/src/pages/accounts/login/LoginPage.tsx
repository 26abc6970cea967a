/** 登录: username and password; the server's reason (wrong password, locked until …, disabled) shows in the form. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ProForm, ProFormText } from '@ant-design/pro-components';
import { Alert, Flex, Form, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { ApiError, networkError } from '../../../api/errors';
import { applyFieldErrors } from '../../../api/form-errors';
import { useMeQuery, useSignedIn } from '../../../api/session';
import type { Me } from '../../../api/types';
import { AuthShell } from '../../../components/AuthShell';
import { PageLoading } from '../../../components/PageLoading';
import { safeRedirect } from '../../../lib/redirect';
import { formatDateTime, fromNow } from '../../../lib/time';

interface LoginValues {
  username: string;
  password: string;
}

const PROBLEM_TITLES: Record<string, string> = {
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '账号已被锁定',
  ACCOUNT_DISABLED: '账号已停用',
  RATE_LIMITED: '登录尝试过于频繁',
};

/** The Alert's body: the server's detail when it adds to the title, and when a lock ends. */
function problemDescription(problem: ApiError, title: string) {
  const lines: string[] = [];
  if (problem.detail && problem.detail !== title) lines.push(problem.detail);
  const until = problem.extra.lockedUntil;
  if (typeof until === 'string') {
    if (!problem.detail.includes(formatDateTime(until).slice(0, 16))) lines.push(`解锁时间：${formatDateTime(until)}（北京时间）`);
    lines.push(`${fromNow(until)}自动解锁，也可联系系统管理员提前解锁。`);
  }
  return lines.length > 0 ? lines.map((l) => <div key={l}>{l}</div>) : undefined;
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get('redirect'));
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const { data: me, isPending } = useMeQuery();
  const [form] = Form.useForm<LoginValues>();
  const [problem, setProblem] = useState<ApiError | null>(null);

  if (isPending) return <PageLoading fullScreen />;
  if (me) return <Navigate to={me.user.mustChangePassword ? '/account/password' : redirect} replace />;

  const onFinish = async (values: LoginValues) => {
    setProblem(null);
    try {
      const who = await api.post<Me>('/auth/login', { username: values.username.trim(), password: values.password });
      signedIn(who);
      void navigate(who.user.mustChangePassword ? '/account/password' : redirect, { replace: true });
    } catch (error) {
      const p = error instanceof ApiError ? error : networkError();
      setProblem(p);
      applyFieldErrors(form, p);
      form.setFieldValue('password', '');
    }
  };

  return (
    <AuthShell title="账号登录" subTitle="申报单位、评审专家、科技局工作人员及各责任单位统一由此登录。">
      {params.get('expired') && !problem ? (
        <Alert
          type="warning"
          showIcon
          title="登录已超时"
          description="由于长时间未操作，需要重新登录。尚未保存的内容已暂存在本机，登录后将返回刚才的页面并可以恢复。"
          style={{ marginBottom: 16 }}
        />
      ) : (
        params.get('redirect') && !problem && <Alert type="info" showIcon title="请先登录，登录后将返回您刚才访问的页面。" style={{ marginBottom: 16 }} />
      )}
      {problem && (
        <Alert
          type={problem.code === 'ACCOUNT_LOCKED' || problem.code === 'ACCOUNT_DISABLED' ? 'warning' : 'error'}
          showIcon
          title={PROBLEM_TITLES[problem.code] ?? problem.title}
          description={problemDescription(problem, PROBLEM_TITLES[problem.code] ?? problem.title)}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      )}
      <ProForm<LoginValues>
        isKeyPressSubmit
        form={form}
        onFinish={onFinish}
        size="large"
        submitter={{
          searchConfig: { submitText: '登录' },
          resetButtonProps: false,
          submitButtonProps: { block: true, size: 'large' },
          render: (_props, dom) => dom,
        }}
      >
        <ProFormText
          name="username"
          placeholder="用户名"
          fieldProps={{ prefix: <UserOutlined />, autoComplete: 'username', autoFocus: true }}
          rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}
        />
        <ProFormText.Password
          name="password"
          placeholder="密码"
          fieldProps={{ prefix: <LockOutlined />, autoComplete: 'current-password' }}
          rules={[{ required: true, message: '请填写密码' }]}
        />
      </ProForm>
      <Flex justify="space-between" style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">还没有账号？</Typography.Text>
        <Link to="/register">注册申报单位</Link>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        忘记密码请联系本单位管理员或平台系统管理员重置。连续多次输错密码，账号将被临时锁定。
      </Typography.Paragraph>
    </AuthShell>
  );
}
