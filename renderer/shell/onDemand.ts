import { lazy } from 'react';

/**
 * The large parts of the window the first screen does not show, each in a chunk of its own that loads
 * when first drawn: the reading pane (Slate, 240 KB) once an article opens, and the review desk. The
 * first screen is the article list; before this split its script was 686 KB, and the window started
 * after evaluating all of it (docs/benchmarks.md, "App start"). The dialogs stay in the first chunk
 * (a few KB each): a key or a click must show one at once.
 */
const readingPane = () => import('../reading/ReadingPane.tsx');
const reviewDesk = () => import('../review/ReviewDesk.tsx');

export const ReadingPane = lazy(() => readingPane().then((m) => ({ default: m.ReadingPane })));
export const ReviewDesk = lazy(() => reviewDesk().then((m) => ({ default: m.ReviewDesk })));

/** At most this long after the first screen before the later parts load even if the window never idles. */
const LATER_PARTS_WAIT_MS = 2_000;

/**
 * Fetches and evaluates the chunks an analyst reaches first (an article, the desk) once the first
 * screen is up and the window idle, so opening them does not wait on the network or the parser.
 */
export function loadLaterParts(): () => void {
  // A chunk that fails to load here is asked for again when first drawn, and its error shows there.
  const load = () => void Promise.all([readingPane(), reviewDesk()]).catch(() => {});
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(load, { timeout: LATER_PARTS_WAIT_MS });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(load, LATER_PARTS_WAIT_MS);
  return () => clearTimeout(timer);
}
