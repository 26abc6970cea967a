/** What a page shows while its code or first data loads. */
import { Flex, Spin } from 'antd';

export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? '100vh' : 320 }}>
      <Spin size="large" description="加载中…" />
    </Flex>
  );
}
