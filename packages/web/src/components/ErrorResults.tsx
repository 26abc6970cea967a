/** The 403 and 404 results, shown inside the frame or on their own. */
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export function ForbiddenResult() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle="您没有访问此页面的权限。如需开通，请联系系统管理员分配相应角色。"
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}

/** `anonymous`: for a visitor who is not signed in, whose way back is the public portal rather than the workbench. */
export function NotFoundResult({ anonymous = false }: { anonymous?: boolean }) {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle="您访问的页面不存在，可能链接有误或页面已被移除。"
      extra={[
        <Button key="home" type="primary" onClick={() => void navigate(anonymous ? '/public/calls' : '/')}>
          {anonymous ? '查看申报指南公告' : '返回首页'}
        </Button>,
        <Button key="back" onClick={() => void navigate(-1)}>
          返回上一页
        </Button>,
      ]}
    />
  );
}
