/**
 * The antd theme. antd's defaults fail WCAG 2.1 AA contrast (4.5:1 for text): #1677ff on white is 4.1:1,
 * secondary and description text (#8c8c8c) 3.4:1, placeholders (#bfbfbf) 1.8:1, and the light preset tags
 * (cyan, green, gold, lime …) 2.5–3.4:1, error text (#ff4d4f) 3.3:1. These tokens keep antd's look one shade darker, each ≥ 4.5:1 on
 * white and on the page grey (#f5f5f5); axe-core checks it in every browser test.
 */
import type { ThemeConfig } from 'antd';

/** Tag text per preset colour: the palette's first shade that reads at 4.5:1 on the tag's own background. */
const TAG_TEXT = {
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
};

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    // Hover and press go darker, not lighter, so white text on a hovered button stays readable.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    // Form errors and 危险 buttons are text: antd's #ff4d4f is 3.3:1.
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    borderRadius: 6,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
    colorSuccessText: '#237804',
    colorWarningText: '#ad4e00',
    colorErrorText: '#cf1322',
  },
  components: {
    Tag: { ...TAG_TEXT, colorSuccess: '#237804', colorWarning: '#ad4e00', colorError: '#cf1322', colorInfo: '#0958d9' },
  },
};
