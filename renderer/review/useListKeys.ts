import { useEffect } from 'react';

/**
 * Review by keyboard: j/↓ and k/↑ move through a list, the other keys given
 * act on the current item. Inactive while typing in a field.
 */
export function useListKeys(count: number, current: number, setCurrent: (index: number) => void, actions: Record<string, (index: number) => void>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const tag = (event.target as HTMLElement | null)?.tagName?.toLowerCase();
      if (event.ctrlKey || event.metaKey || event.altKey || tag === 'input' || tag === 'textarea' || tag === 'select') return;
      if (count === 0) return;
      if (event.key === 'j' || event.key === 'ArrowDown') setCurrent(Math.min(count - 1, current + 1));
      else if (event.key === 'k' || event.key === 'ArrowUp') setCurrent(Math.max(0, current - 1));
      else if (Object.hasOwn(actions, event.key)) actions[event.key]!(current);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, current, setCurrent, actions]);
}
