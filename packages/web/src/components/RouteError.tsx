/** Shown when a page throws while rendering or its code fails to load (e.g. after a redeploy). */
import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  console.error(error);
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message);
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <Result status="404" title="404" subTitle="您访问的页面不存在。" extra={<Button href="/">返回首页</Button>} />;
  }
  return (
    <Result
      status="error"
      title={chunkFailed ? '系统已更新' : '页面出错了'}
      subTitle={chunkFailed ? '平台刚刚发布了新版本，请刷新页面后继续。' : '页面运行时发生错误，请刷新后重试；如果问题持续出现，请联系系统管理员。'}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
