/**
 * The one rule for "the user is typing": a text field, a list box or an
 * editable element has the keyboard, so plain keys are theirs and no command
 * fires (only Esc reaches an open dialog).
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).matches !== 'function') return false;
  const element = target as HTMLElement;
  return element.matches('textarea, select, input:not([type=checkbox], [type=radio], [type=button], [type=submit], [type=file])') || element.isContentEditable === true;
}
