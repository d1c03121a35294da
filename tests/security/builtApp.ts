import { join } from 'node:path';
import { isBuildCurrent } from '../../main/launcher/buildState.ts';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';

export const DIST = join(PROJECT_ROOT, 'dist');
export const MAIN_BUNDLE = join(DIST, 'main.cjs');
export const PRELOAD_BUNDLE = join(DIST, 'preload.cjs');

/** These tests read what ships, so a bundle older than the sources would test the wrong code. */
export function assertBuildCurrent(): void {
  if (!isBuildCurrent()) throw new Error('dist/ is missing or older than the sources: run `npm run build` (npm test does it first).');
}
