/**
 * The one rule for "the user is typing": a text field, a list box or an
 * editable element has the keyboard, so plain keys are theirs and no command
 * fires (only Esc reaches an open dialog).
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).matches !== 'function') return false;
  const element = target as HTMLElement;
  return (
    element.matches('textarea, select, input:not([type=checkbox], [type=radio], [type=button], [type=submit], [type=file])') ||
    element.isContentEditable === true
  );
}

/** Keys a focused control acts on by itself: Enter and Space press a button, follow a link, switch a tab. */
const ACTIVATION_KEYS = new Set(['Enter', ' ']);
const CONTROL =
  'button, a[href], summary, input, select, textarea, [role=button], [role=tab], [role=link], [role=menuitem], [role=option], [role=checkbox], [role=switch]';

/** True when the key would press the focused control: it is the control's, not a command's (Enter on a tab opens the tab, never the list row behind it). */
export function activatesControl(event: Pick<KeyboardEvent, 'key' | 'target'>): boolean {
  const target = event.target;
  if (!ACTIVATION_KEYS.has(event.key) || !target || typeof (target as Element).matches !== 'function') return false;
  return (target as Element).matches(CONTROL);
}
