import { callContract } from '../callContract.ts';
import { LINK_STATUSES, LinkType, type Link } from '../../contract/contract.ts';
import { CrosscheckError } from '../../contract/errors.ts';
import { formatTable } from '../format.ts';
import { noPositionals, onePositional, parse, wholeNumber, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const LINK_OPTIONS = { type: { type: 'string' } } as const satisfies Options;
const LINKS_OPTIONS = { annotation: { type: 'string' }, status: { type: 'string' } } as const satisfies Options;
const REVIEW_OPTIONS = { status: { type: 'string' } } as const satisfies Options;

const linkLine = (l: Link) => `link ${l.id}: ${l.fromId} —${l.type}→ ${l.toId} (${l.status})`;

export const linkCommand: Command = {
  usage: `link FROM TO --type ${LinkType.options.join('|')}`,
  summary: 'link two annotations (confirmed, made by hand)',
  options: LINK_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, LINK_OPTIONS);
    if (positionals.length !== 2) throw new CrosscheckError('invalid_input', `expected two annotations, FROM and TO, got ${positionals.length}`);
    if (values.type === undefined) throw new CrosscheckError('invalid_input', `name the link type with --type (${LinkType.options.join(', ')})`);
    // The contract refuses an unknown type with the list of known ones.
    const link = callContract(session(), 'links.create', {
      fromId: wholeNumber(positionals[0], 'FROM'),
      toId: wholeNumber(positionals[1], 'TO'),
      type: values.type,
    });
    io.out(json ? printJson(link) : linkLine(link));
    return 0;
  },
};

export const linksCommand: Command = {
  usage: 'links [--annotation ID] [--status suggested|confirmed|rejected]',
  summary: 'list links, of one annotation or all',
  options: LINKS_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, LINKS_OPTIONS);
    noPositionals(positionals, 'links');
    const status = values.status;
    if (status !== undefined && !(LINK_STATUSES as readonly string[]).includes(status)) {
      throw new CrosscheckError('invalid_input', `--status must be one of ${LINK_STATUSES.join(', ')}, got ${status}`);
    }
    const annotationId = values.annotation === undefined ? undefined : wholeNumber(values.annotation, '--annotation');
    const links = callContract(session(), 'links.list', { annotationId }).filter((l) => status === undefined || l.status === status);
    if (json) io.out(printJson(links));
    else
      io.out(
        formatTable(
          ['id', 'from', 'type', 'to', 'status', 'method', 'score', 'reviewer', 'reviewed'],
          links.map((l) => [l.id, l.fromId, l.type, l.toId, l.status, l.method, l.score, l.reviewer, l.reviewedAt]),
        ),
      );
    return 0;
  },
};

export const reviewLinkCommand: Command = {
  usage: 'review-link LINK --status confirmed|rejected',
  summary: 'confirm or reject a link, recording you as its reviewer',
  options: REVIEW_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, REVIEW_OPTIONS);
    const id = wholeNumber(onePositional(positionals, 'link', true), 'LINK');
    if (values.status !== 'confirmed' && values.status !== 'rejected')
      throw new CrosscheckError('invalid_input', `--status must be confirmed or rejected, got ${values.status ?? 'nothing'}`);
    const link = callContract(session(), 'links.review', { id, status: values.status });
    io.out(json ? printJson(link) : linkLine(link));
    return 0;
  },
};
