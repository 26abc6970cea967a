/**
 * Officer editing pages (the call wizard, a programme's versions and rules) are laid out for a desk: on a
 * phone they say so, and keep their layout inside a box that scrolls sideways rather than squeezing tables
 * into one character per line or pushing the page wider than the screen.
 *
 * Decided by CSS media queries (styles.css), not by a JS breakpoint: the element tree never changes with the
 * width, so a resize (or a full-page screenshot) cannot remount the page and lose a half-filled form.
 */
import { Alert } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export function WideScreenOnly({ children, minWidth = 960 }: { children: ReactNode; minWidth?: number }) {
  return (
    <>
      <Alert
        className="kc-wide-only-notice"
        type="info"
        showIcon
        role="status"
        title="此页面用于编辑，请在电脑或平板横屏上操作"
        description="手机屏幕较窄，下方内容可左右滑动查看；如需修改，建议使用宽度不小于 768 像素的屏幕。"
        style={{ marginBottom: 12 }}
      />
      <div className="kc-wide-only-scroller" style={{ '--kc-wide-min': `${minWidth}px` } as CSSProperties}>
        <div className="kc-wide-only-content">{children}</div>
      </div>
    </>
  );
}
