import { useLayoutEffect, useRef, useState, type CSSProperties } from 'react';

/** The part of a DOMRect the placement reads (so that tests can pass plain objects). */
export interface AnchorBox {
  top: number;
  bottom: number;
  left: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Room kept between a floating panel and its anchor, and between the panel and the window's edges. */
const GAP = 6;

/**
 * Where a floating panel (a suggestion card, a picker, the tag toolbar) goes
 * beside the text it belongs to. It takes the preferred side when it fits,
 * the other side when only that fits, and never covers the anchor while
 * either side fits: the anchor is text the analyst is clicking, and a panel
 * opened by the first click of a double-click must not catch the second.
 */
export function placeBeside(anchor: AnchorBox, panel: Size, window: Size, prefer: 'above' | 'below'): { top: number; left: number } {
  const below = anchor.bottom + GAP;
  const above = anchor.top - GAP - panel.height;
  const fitsBelow = below + panel.height <= window.height - GAP;
  const fitsAbove = above >= GAP;
  let top: number;
  if (prefer === 'below') top = fitsBelow || !fitsAbove ? below : above;
  else top = fitsAbove || !fitsBelow ? above : below;
  // Neither side fits (a panel taller than the room on both sides): keep it in the window, on the roomier side.
  if (!fitsBelow && !fitsAbove) top = window.height - anchor.bottom > anchor.top ? below : Math.max(GAP, above);
  const left = Math.max(GAP, Math.min(anchor.left, window.width - GAP - panel.width));
  return { top, left };
}

/**
 * Places a floating panel beside its anchor from the panel's own measured
 * size. The first layout measures the panel; the placed one follows before
 * the browser paints, so the panel never shows in the wrong place.
 */
export function useFloatingPlacement<E extends HTMLElement>(anchor: AnchorBox, prefer: 'above' | 'below') {
  const ref = useRef<E>(null);
  const [size, setSize] = useState<Size | null>(null);
  // Measured before the first paint, then again whenever the content (a longer card, more annotations) resizes it.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const measured = { width: element.offsetWidth, height: element.offsetHeight };
      setSize((was) => (was && was.width === measured.width && was.height === measured.height ? was : measured));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // Transparent rather than hidden while unmeasured: a hidden element cannot take the focus a picker gives its first item.
  const style: CSSProperties = size
    ? placeBeside(anchor, size, { width: window.innerWidth, height: window.innerHeight }, prefer)
    : { top: 0, left: 0, opacity: 0 };
  return { ref, style };
}
