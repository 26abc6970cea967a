/**
 * Keyboard order for forms. antd 6 renders an input's clear icon as a focusable `<button>` (antd 5 had
 * `tabIndex={-1}`), so Tab from 用户名 landed on the ✖ instead of 密码 and the password was typed nowhere;
 * likewise Tab from 密码 landed on the show-password eye instead of 确认密码. Both stay clickable; keyboard
 * users clear a field with the keys they already use, and Tab goes from field to field.
 */
const CLEAR_BUTTON = ['button.ant-input-clear-icon', 'button.ant-select-clear', 'button.ant-picker-clear', 'button.ant-cascader-clear', '.ant-input-password-icon']
  .map((s) => `${s}:not([tabindex="-1"])`)
  .join(', ');

function skipClearButtons(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(CLEAR_BUTTON)) el.tabIndex = -1;
}

/** Watches the document once, so every input mounted later (drawers, modals, lazy pages) is covered. */
export function keepClearButtonsOutOfTabOrder(doc: Document = document): void {
  skipClearButtons(doc);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) {
      if (n.matches(CLEAR_BUTTON)) (n as HTMLElement).tabIndex = -1;
      skipClearButtons(n);
    }
  }).observe(doc.body, { childList: true, subtree: true });
}
