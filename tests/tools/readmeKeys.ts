/**
 * `npm run readme:keys`: writes the README's key table from the table the
 * keyboard router uses, between its two markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyTableMarkdown } from '../../renderer/keys/keyTable.ts';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';

const path = join(PROJECT_ROOT, 'README.md');
const readme = readFileSync(path, 'utf8');
const marked = /<!-- keys:start -->\n(?:[\s\S]*?\n)?<!-- keys:end -->/;
if (!marked.test(readme)) throw new Error('README.md has no <!-- keys:start --> … <!-- keys:end --> section.');
writeFileSync(path, readme.replace(marked, `<!-- keys:start -->\n${keyTableMarkdown()}\n<!-- keys:end -->`));
console.log(`Wrote the key table into ${path}`);
