/**
 * Officer editing pages (the call wizard, a programme's versions and rules) are laid out for a desk: on a
 * phone they say so, and keep their layout inside a box that scrolls sideways rather than squeezing tables
 * into one character per line or pushing the page wider than the screen.
 */
import { Alert, Grid } from 'antd';
import type { ReactNode } from 'react';

export function WideScreenOnly({ children, minWidth = 960 }: { children: ReactNode; minWidth?: number }) {
  const screens = Grid.useBreakpoint();
  if (screens.md !== false) return <>{children}</>;
  return (
    <>
      <Alert
        type="info"
        showIcon
        role="status"
        title="此页面用于编辑，请在电脑或平板横屏上操作"
        description="手机屏幕较窄，下方内容可左右滑动查看；如需修改，建议使用宽度不小于 768 像素的屏幕。"
        style={{ marginBottom: 12 }}
      />
      <div style={{ overflowX: 'auto', maxWidth: '100%' }} data-testid="wide-screen-scroller">
        <div style={{ minWidth }}>{children}</div>
      </div>
    </>
  );
}
