import { useEffect, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useKeyScope } from '../keys/KeyRouter.tsx';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  /** Id of the heading, for aria-labelledby. */
  id: string;
  className?: string;
  onClose(): void;
  /** While true (e.g. an import running) Esc and × do not close it. */
  busy?: boolean;
  /** Renders the dialog as a form. */
  onSubmit?(event: FormEvent<HTMLFormElement>): void;
  children: ReactNode;
}

/** Controls of the dialog that take the keyboard, in order; hidden file inputs are reached through their label. */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !element.hidden && element.getClientRects().length > 0);
}

/**
 * Every dialog's frame: it takes the focus when it opens (its first control),
 * keeps Tab inside, closes on Esc, and gives the focus back to where it was.
 */
export function Dialog({ title, id, className, onClose, busy = false, onSubmit, children }: DialogProps) {
  const frame = useRef<HTMLElement & HTMLFormElement>(null);
  useKeyScope('dialog', { close: () => (busy ? true : onClose()) });

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const root = frame.current!;
    const first =
      root.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(root).find((element) => !element.classList.contains('dialog-close')) ?? root;
    first.focus();
    return () => {
      if (before && document.contains(before)) before.focus();
    };
  }, []);

  const trapTab = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const list = focusables(frame.current!);
    if (list.length === 0) return event.preventDefault();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const next = event.shiftKey ? (index <= 0 ? list.length - 1 : index - 1) : index === list.length - 1 ? 0 : index + 1;
    event.preventDefault();
    list[next]!.focus();
  };

  const body = (
    <>
      <header className="dialog-header">
        <h2 id={id}>{title}</h2>
        <button type="button" className="dialog-close" onClick={onClose} disabled={busy} aria-label="Close">
          ×
        </button>
      </header>
      {children}
    </>
  );
  return (
    <div className="dialog-backdrop">
      {onSubmit ? (
        <form
          ref={frame}
          role="dialog"
          aria-modal="true"
          aria-labelledby={id}
          className={`dialog ${className ?? ''}`}
          tabIndex={-1}
          onKeyDown={trapTab}
          onSubmit={onSubmit}
          noValidate
        >
          {body}
        </form>
      ) : (
        <section ref={frame} role="dialog" aria-modal="true" aria-labelledby={id} className={`dialog ${className ?? ''}`} tabIndex={-1} onKeyDown={trapTab}>
          {body}
        </section>
      )}
    </div>
  );
}
