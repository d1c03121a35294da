import { CrosscheckError } from '../../contract/errors.ts';
import { openDeviceLog } from '../../sync/corpusDeviceLog.ts';
import { parseHubAddress } from '../../sync/hubAddress.ts';
import { HubClient } from '../../sync/hubClient.ts';
import { tokenFor } from '../../sync/hubLogin.ts';
import { syncWithHub } from '../../sync/syncWithHub.ts';
import { noPositionals, parse, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const SYNC_OPTIONS = { hub: { type: 'string' } } as const satisfies Options;

export const syncCommand: Command = {
  usage: 'sync --hub URL',
  summary: "push this corpus's waiting operations to the team hub, then pull everyone else's (token: CROSSCHECK_HUB_TOKEN or `hub login`)",
  options: SYNC_OPTIONS,
  async run({ args, dbPath, session, json, io }) {
    const { values, positionals } = parse(args, SYNC_OPTIONS);
    noPositionals(positionals, 'sync');
    if (!values.hub) throw new CrosscheckError('invalid_input', 'name the hub: crosscheck sync --hub https://hub.example.org');
    const address = parseHubAddress(values.hub);
    const client = new HubClient(address, tokenFor(dbPath, address));
    const { db, actor } = session();
    const report = await syncWithHub(openDeviceLog(db, actor), client);
    io.out(
      json
        ? printJson(report)
        : `Synced with ${address.key}: pushed ${report.pushed} (${report.duplicates} already there), pulled ${report.pulled} (${report.applied} new here, ${report.conflicts} conflicts), ` +
            `articles sent ${report.articlesSent}, received ${report.articlesReceived}; hub position ${report.lastSeq}.`,
    );
    return 0;
  },
};
