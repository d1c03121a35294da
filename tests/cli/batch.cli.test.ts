import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const ok = (run: { status: number | null; stderr: string }) => expect(run.status, run.stderr).toBe(0);
const json = (args: string[]) => {
  const run = runCli([...args, '--json']);
  ok(run);
  return JSON.parse(run.stdout);
};

const CLAIM = 'the bridge will stay closed until every cable has been inspected';
const DRIFTED = 'the bridge would stay shut until every cable had been inspected';

/** Two outlets reporting one claim, the second with drifted wording, joined by a confirmed link; a third denying it. */
function reportedCorpus() {
  const dir = tempDir();
  const db = join(dir, 'c.db');
  writeFileSync(join(dir, 'a.txt'), ` date 2024-03-01\nThe mayor said ${CLAIM}.\n`);
  writeFileSync(join(dir, 'b.txt'), ` date 2024-03-02\nCouncil staff said ${DRIFTED}.\n`);
  writeFileSync(join(dir, 'c.txt'), ` date 2024-03-03\nEngineers denied that the bridge is closed at all.\n`);
  ok(runCli(['import', join(dir, 'a.txt'), join(dir, 'b.txt'), join(dir, 'c.txt'), '--db', db]));
  const at = (prefix: string, text: string) => ['--start', String(prefix.length), '--end', String(prefix.length + text.length)];
  ok(runCli(['annotate', '1', ...at(' date 2024-03-01\nThe mayor said ', CLAIM), '--tag', 'claim', '--speaker', 'Mayor', '--db', db]));
  ok(runCli(['annotate', '2', ...at(' date 2024-03-02\nCouncil staff said ', DRIFTED), '--tag', 'claim', '--db', db]));
  ok(runCli(['annotate', '3', ...at(' date 2024-03-03\n', 'Engineers denied that the bridge is closed'), '--tag', 'denial', '--db', db]));
  ok(runCli(['link', '1', '2', '--type', 'same-claim', '--db', db]));
  ok(runCli(['link', '3', '1', '--type', 'denies', '--db', db]));
  return { dir, db };
}

describe('claim groups, drift and the matrix as JSON from the command line', () => {
  it('prints each claim group with its reports in time order, the drift of every later report and the matrix of outlets', () => {
    const { db } = reportedCorpus();
    const groups = json(['groups', '--db', db]);
    expect(groups).toHaveLength(1);
    expect(groups[0].rows.map((r: { annotation: { id: number } }) => r.annotation.id)).toEqual([1, 2]);
    expect(groups[0].rows[0]).toMatchObject({ published: '2024-03-01', speaker: 'Mayor', primaryDrift: 'identical' });
    expect(groups[0].links).toEqual([expect.objectContaining({ fromId: 1, toId: 2, type: 'same-claim' })]);

    const drift = json(['drift', '--db', db]);
    expect(drift).toEqual([expect.objectContaining({ groupId: groups[0].id, baseAnnotationId: 1, annotationId: 2, articleId: 2 })]);
    expect(drift[0].drift.length).toBeGreaterThan(0);
    expect(drift[0].diff.some((segment: { kind: string }) => segment.kind !== 'equal')).toBe(true);

    const matrix = json(['matrix', '--db', db]);
    expect(matrix.groups).toHaveLength(1);
    const states = Object.fromEntries(matrix.cells.map((c: { articleId: number; state: string }) => [c.articleId, c.state]));
    expect(states).toMatchObject({ 1: 'reported', 2: 'reported', 3: 'denied' });
    const people = runCli(['matrix', '--db', db]);
    ok(people);
    expect(people.stdout).toMatch(/R reported, D denied, · absent/);
  }, 120_000);

  it('refuses a matrix page over the limit and arguments the commands do not take', () => {
    const db = join(tempDir(), 'c.db');
    const tooMany = runCli(['matrix', '--limit', '501', '--db', db]);
    expect(tooMany.status).toBe(1);
    expect(tooMany.stderr).toMatch(/limit/);
    expect(runCli(['groups', 'extra', '--db', db]).stderr).toMatch(/groups takes no arguments/);
    expect(runCli(['drift', '--offset', '1', '--db', db]).status).toBe(1);
  }, 120_000);
});

describe('update-annotation and delete-annotation', () => {
  it('changes an annotation, deletes one with its links, and undo takes each back in turn', () => {
    const { db } = reportedCorpus();
    const updated = json(['update-annotation', '2', '--tag', 'attribution', '--note', 'council, not the mayor', '--speaker', 'Council', '--db', db]);
    expect(updated).toMatchObject({ id: 2, tag: 'attribution', note: 'council, not the mayor', speaker: 'Council' });
    const cleared = json(['update-annotation', '2', '--speaker', '', '--db', db]);
    expect(cleared.speaker).toBeNull();

    ok(runCli(['delete-annotation', '1', '--db', db]));
    expect(json(['annotations', '--db', db]).map((a: { id: number }) => a.id)).toEqual([2, 3]);
    expect(json(['links', '--db', db])).toEqual([]);

    ok(runCli(['undo', '--db', db]));
    expect(json(['annotations', '--db', db]).map((a: { id: number }) => a.id)).toEqual([1, 2, 3]);
    expect(json(['links', '--db', db])).toHaveLength(2);
    ok(runCli(['undo', '--db', db]));
    ok(runCli(['undo', '--db', db]));
    expect(json(['annotations', '2', '--db', db])[0]).toMatchObject({ tag: 'claim', note: '', speaker: null });
  }, 120_000);

  it('refuses a missing annotation, a span past the text and an update that changes nothing, changing nothing', () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    writeFileSync(join(dir, 'a.txt'), `The mayor said ${CLAIM}.\n`);
    ok(runCli(['import', join(dir, 'a.txt'), '--db', db]));
    ok(runCli(['annotate', '1', '--start', '4', '--end', '9', '--tag', 'claim', '--db', db]));
    const before = json(['annotations', '--db', db]);
    expect(runCli(['delete-annotation', '99', '--db', db]).stderr).toMatch(/99/);
    expect(runCli(['update-annotation', '99', '--tag', 'claim', '--db', db]).stderr).toMatch(/99/);
    const past = runCli(['update-annotation', '1', '--end', '100000', '--db', db]);
    expect(past.status).toBe(1);
    const nothing = runCli(['update-annotation', '1', '--db', db]);
    expect(nothing.status).toBe(1);
    expect(nothing.stderr).toMatch(/say what to change/);
    expect(runCli(['update-annotation', '1', '--tag', 'rumour', '--db', db]).status).toBe(1);
    expect(json(['annotations', '--db', db])).toEqual(before);
  }, 120_000);
});
