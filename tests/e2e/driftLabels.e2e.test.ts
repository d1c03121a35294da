import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../main/api/session.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { eventually } from '../helpers/seededApp.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();

/** Stores an article of an outlet and date and tags `quote` in it through the app's own handler. */
function report(app: Session, outlet: string, published: string, text: string, quote: string, tag: 'claim' | 'attribution' = 'claim', speaker?: string) {
  const { articleId } = insertArticle(app.db, { text, title: null, outlet, url: null, published, fileName: null }, 'e2e');
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in the text: ${quote}`);
  return app.handlers['annotations.create']({ articleId, start, end: start + quote.length, tag, ...(speaker ? { speaker } : {}) }).id;
}

const EARLIEST = 'the ministry could deliver technical support to the northern provinces before the harvest';

describe('drift labels on the review desk', () => {
  it('flags "could" → "may" and a claim put in another speaker’s mouth, calls neither a reworded phrase nor a longer paraphrase a truncation, and takes two capitalised words for no new actor', async () => {
    const { page, problems, app } = await session.open(join(tempDir(), 'corpus.sqlite'), { viewport: { width: 1400, height: 900 } });
    const s = app.session;
    const base = report(s, 'First Wire', '2024-03-01', `Chen said ${EARLIEST}.`, EARLIEST, 'claim', 'Chen');
    const modal = report(s, 'Modal Post', '2024-03-02', `Officials said ${EARLIEST.replace('could', 'may')}.`, EARLIEST.replace('could', 'may'));
    const technique = report(
      s,
      'Short Times',
      '2024-03-03',
      `It was said ${EARLIEST.replace('technical support', 'technique')}.`,
      EARLIEST.replace('technical support', 'technique'),
    );
    const longer = `${EARLIEST}, according to two regional officials briefed on the plan`;
    const paraphrase = report(s, 'Long Daily', '2024-03-04', `Reports say ${longer}.`, longer);
    const named = EARLIEST.replace('the northern provinces', 'the Northern Highlands');
    const actor = report(s, 'Detail Herald', '2024-03-05', `Staff said ${named}.`, named);
    // A report whose linked attribution names someone else: the same words, another speaker.
    const other = report(s, 'Other Voice', '2024-03-06', `According to Okafor, ${EARLIEST}.`, EARLIEST);
    const said = report(s, 'Other Voice', '2024-03-06', `According to Okafor, ${EARLIEST}.`, 'According to Okafor', 'attribution', 'Okafor');
    for (const id of [modal, technique, paraphrase, actor, other]) s.handlers['links.create']({ fromId: id, toId: base, type: 'same-claim' });
    s.handlers['links.create']({ fromId: said, toId: other, type: 'attributed-to' });

    await page.reload();
    await page.getByRole('tab', { name: 'Review' }).click();
    const group = page.getByRole('region', { name: /^Claim group / });
    await eventually(() => group.locator('tbody tr').count()).toBe(6);
    const row = async (outlet: string) => {
      const cells = await group.locator('tbody tr').filter({ hasText: outlet }).locator('td').allInnerTexts();
      return { speaker: cells[2]!, drift: cells[4]! };
    };

    expect((await row('Modal Post')).drift).toMatch(/modality: /);
    expect((await row('Short Times')).drift).not.toMatch(/truncation/);
    expect((await row('Long Daily')).drift).not.toMatch(/truncation/);
    expect((await row('Detail Herald')).drift).not.toMatch(/actor: /);
    const voiced = await row('Other Voice');
    expect(voiced.speaker).toMatch(/Okafor/);
    expect(voiced.drift).toMatch(/speaker: /);
    expect(await group.locator('.flag-badge').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
