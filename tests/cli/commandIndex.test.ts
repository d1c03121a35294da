import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../main/cli/commands/index.ts';
import { runCli } from '../helpers/runCli.ts';

describe('the index of crosscheck verbs', () => {
  it('lists for --help the same usage and summary each verb’s module declares', async () => {
    for (const [verb, entry] of Object.entries(COMMANDS)) {
      const command = await entry.load();
      expect({ verb, usage: entry.usage, summary: entry.summary }).toEqual({ verb, usage: command.usage, summary: command.summary });
    }
  });

  it('answers --help with every verb and what it does', () => {
    const { status, stdout } = runCli(['--help']);
    expect(status).toBe(0);
    for (const entry of Object.values(COMMANDS)) {
      expect(stdout).toContain(entry.usage);
      expect(stdout).toContain(entry.summary);
    }
  });
});
