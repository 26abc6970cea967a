/**
 * Keyboard order for forms. antd 6 renders an input's clear icon as a focusable `<button>` (antd 5 had
 * `tabIndex={-1}`), so Tab from 用户名 landed on the ✖ instead of 密码 and the password was typed nowhere.
 * The clear icon stays clickable; keyboard users clear a field with the keys they already use.
 */
const CLEAR_BUTTON = 'button.ant-input-clear-icon:not([tabindex])';

function skipClearButtons(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLButtonElement>(CLEAR_BUTTON)) el.tabIndex = -1;
}

/** Watches the document once, so every input mounted later (drawers, modals, lazy pages) is covered. */
export function keepClearButtonsOutOfTabOrder(doc: Document = document): void {
  skipClearButtons(doc);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) {
      if (n.matches(CLEAR_BUTTON)) (n as HTMLButtonElement).tabIndex = -1;
      skipClearButtons(n);
    }
  }).observe(doc.body, { childList: true, subtree: true });
}
