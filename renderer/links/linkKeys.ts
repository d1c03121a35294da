/** The app-wide keys of the linking flow. Typing in a field or an editor never triggers them. */
export const LINK_KEYS = { pin: 'p', link: 'l' } as const;

export function linkKeyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): 'pin' | 'link' | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as (Partial<HTMLElement> & { tagName?: string }) | null;
  const tag = target?.tagName?.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable) return null;
  if (event.key === LINK_KEYS.pin) return 'pin';
  if (event.key === LINK_KEYS.link) return 'link';
  return null;
}
