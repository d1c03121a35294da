import { parse, wholeNumber, type Command, type Options } from '../args.ts';
import { callContract } from '../callContract.ts';
import { formatTable } from '../format.ts';
import { printJson } from '../output.ts';

const OPTIONS = { analysts: { type: 'string' } } as const satisfies Options;

const figure = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));

export const agreementCommand: Command = {
  usage: 'agreement [ARTICLE...] [--analysts A,B]',
  summary: "how far two analysts agree: Cohen's kappa over words and Krippendorff's unitizing alpha, per tag and overall",
  options: OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, OPTIONS);
    const report = callContract(session(), 'agreement.compute', {
      articleIds: positionals.length ? positionals.map((p) => wholeNumber(p, 'ARTICLE')) : undefined,
      analysts: values.analysts === undefined ? undefined : values.analysts.split(','),
    });
    if (json) {
      io.out(printJson(report));
      return 0;
    }
    const [a, b] = report.analysts;
    const rows = (['claim', 'denial', 'attribution'] as const).map((tag) => [
      tag,
      report.spans[a]?.[tag] ?? 0,
      report.spans[b]?.[tag] ?? 0,
      figure(report.kappa.perTag[tag]!.kappa),
      figure(report.alpha.perTag[tag]!.alpha),
    ]);
    rows.push(['overall', '', '', figure(report.kappa.overall.kappa), figure(report.alpha.overall.alpha)]);
    io.out(`${a} and ${b}, ${report.articleIds.length} article(s), ${report.words} words`);
    io.out(formatTable(['tag', `${a} spans`, `${b} spans`, 'kappa (words)', 'alpha (unitizing)'], rows));
    return 0;
  },
};
