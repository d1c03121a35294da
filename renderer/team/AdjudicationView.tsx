import { useId, useState } from 'react';
import type { Adjudication, AdjudicationSpan, Input } from '../../main/contract/contract.ts';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { userMessage } from '../data/userMessage.ts';
import { useKeyScope } from '../keys/KeyRouter.tsx';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import { CuratorsForm } from './CuratorsForm.tsx';
import { ProjectOptionsForm } from './ProjectOptionsForm.tsx';
import './team.css';

/** Articles the picker offers: the first page of annotated ones (the open article is offered too). */
const ARTICLE_CHOICES = 500;

type Pair = Adjudication['pairs'][number];
type Keep = 'first' | 'second' | 'neither';

function differenceWords(pair: Pair, [a, b]: [string, string]): string {
  switch (pair.difference) {
    case 'same':
      return 'same span and tag';
    case 'tag':
      return 'same span, different tag';
    case 'boundary':
      return 'boundary differs';
    case 'boundary-and-tag':
      return 'boundary and tag differ';
    case 'only-first':
      return `only ${a}`;
    case 'only-second':
      return `only ${b}`;
  }
}

function SpanCell({ span }: { span: AdjudicationSpan | null }) {
  if (!span) return <td className="adjudication-none">—</td>;
  return (
    <td>
      <span className={`tag-chip tag-${span.tag}`}>{span.tag}</span> “{span.quote}”{' '}
      <span className="muted">
        ({span.start}–{span.end})
      </span>
    </td>
  );
}

/**
 * The curator's adjudication: one article, two analysts' spans side by side in text
 * order with their differences named, and per pair a decision — keep the first
 * analyst's span, the second's, or neither — into the curated layer. Only a curator
 * decides (anyone, while the project names none); under blind annotation the view
 * shows what the analyst may see, which for a named curator is every span.
 * Keeping neither is a decision of its own, shown apart from an undecided pair.
 */

function decisionWords(pair: Pair, [a, b]: [string, string]): string {
  switch (pair.kept) {
    case 'first':
      return `kept ${a}’s`;
    case 'second':
      return `kept ${b}’s`;
    case 'neither':
      return 'kept neither';
    case null:
      return 'undecided';
  }
}
export function AdjudicationView() {
  const { articleId: openId } = useWorkspace();
  const [articleId, setArticleId] = useState<number | null>(null);
  const [chosenPair, setChosenPair] = useState<[string, string] | null>(null);
  const [cursor, setCursor] = useState(0);
  const id = useId();
  const mutate = useMutate();
  const articles = useQuery('articles.page', { annotated: true, offset: 0, limit: ARTICLE_CHOICES }).data;
  const article = articleId ?? openId ?? articles?.articles[0]?.id ?? null;
  const query: Input<'adjudication.compare'> | null =
    article === null ? null : chosenPair ? { articleId: article, analysts: chosenPair } : { articleId: article };
  const { data: view, error } = useQuery('adjudication.compare', query);
  const { data: roles } = useQuery('team.curators', {});
  const mayCurate = roles?.youMayCurate ?? false;
  const pairs = view?.pairs ?? [];
  const current = Math.min(cursor, Math.max(0, pairs.length - 1));
  const keep = (index: number, side: Keep) => {
    const pair = pairs[index];
    if (!pair || article === null || !mayCurate || (side === 'first' && !pair.first) || (side === 'second' && !pair.second)) return false;
    void mutate('adjudication.keep', { articleId: article, first: pair.first?.id ?? null, second: pair.second?.id ?? null, keep: side });
    return undefined;
  };
  useKeyScope('review.adjudication', {
    next: () => setCursor(Math.min(pairs.length - 1, current + 1)),
    previous: () => setCursor(Math.max(0, current - 1)),
    'keep.first': () => keep(current, 'first'),
    'keep.second': () => keep(current, 'second'),
    'keep.neither': () => keep(current, 'neither'),
  });
  const analysts = view?.analysts ?? null;
  const choices = [...new Set([...(articles?.articles.map((a) => a.id) ?? []), ...(article === null ? [] : [article])])];
  const titleOf = (id: number) => {
    const summary = articles?.articles.find((a) => a.id === id);
    return summary ? `${summary.title ?? `Article ${id}`}${summary.outlet ? ` (${summary.outlet})` : ''}` : `Article ${id}`;
  };

  return (
    <section className="adjudication" aria-label="Adjudication">
      <ProjectOptionsForm />
      <CuratorsForm />
      {roles && !roles.youMayCurate && (
        <p role="note" className="curator-only">
          Only a curator keeps spans into the curated layer; this project’s curators: {roles.curators.map((c) => c.analyst).join(', ')}.
        </p>
      )}
      <form className="agreement-pair" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-article`}>Article</label>
        <select
          id={`${id}-article`}
          value={article ?? ''}
          onChange={(e) => {
            setArticleId(Number(e.target.value));
            setChosenPair(null);
            setCursor(0);
          }}
        >
          {choices.map((id) => (
            <option key={id} value={id}>
              {titleOf(id)}
            </option>
          ))}
        </select>
        {view && view.authors.length >= 2 && analysts && (
          <>
            <label htmlFor={`${id}-first`}>First analyst</label>
            <select
              id={`${id}-first`}
              value={analysts[0]}
              onChange={(e) => setChosenPair([e.target.value, analysts[1] === e.target.value ? analysts[0] : analysts[1]])}
            >
              {view.authors.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
            <label htmlFor={`${id}-second`}>Second analyst</label>
            <select
              id={`${id}-second`}
              value={analysts[1]}
              onChange={(e) => setChosenPair([analysts[0] === e.target.value ? analysts[1] : analysts[0], e.target.value])}
            >
              {view.authors.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </>
        )}
      </form>
      {error && <p role="alert">{userMessage(error)}</p>}
      {article === null && <p className="muted">No article has annotations yet.</p>}
      {view && !analysts && <p className="muted">Fewer than two analysts have spans on this article ({view.authors.join(', ') || 'nobody'}).</p>}
      {view && analysts && (
        <>
          <p className="muted">
            {pairs.filter((p) => p.difference !== 'same').length} of {pairs.length} pairs differ; {pairs.filter((p) => p.kept !== null).length} decided (
            {pairs.filter((p) => p.kept === 'neither').length} keeping neither). Keys: j/k move, 1 keeps {analysts[0]}’s, 2 keeps {analysts[1]}’s, 0 keeps
            neither.
          </p>
          <table className="adjudication-table" aria-label={`Spans of ${analysts[0]} and ${analysts[1]} side by side`}>
            <thead>
              <tr>
                <th scope="col">Pair</th>
                <th scope="col">{analysts[0]}</th>
                <th scope="col">{analysts[1]}</th>
                <th scope="col">Difference</th>
                <th scope="col">Curated layer</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair, index) => (
                <tr
                  key={`${pair.first?.id ?? '-'}:${pair.second?.id ?? '-'}`}
                  className={`difference-${pair.difference}${index === current ? ' current' : ''}`}
                  aria-current={index === current ? 'true' : undefined}
                  onClick={() => setCursor(index)}
                >
                  <th scope="row">{index + 1}</th>
                  <SpanCell span={pair.first} />
                  <SpanCell span={pair.second} />
                  <td>{differenceWords(pair, analysts)}</td>
                  <td>
                    <span className={`adjudication-decision decision-${pair.kept ?? 'undecided'}`}>{decisionWords(pair, analysts)}</span>
                    <div role="group" aria-label={`Keep for pair ${index + 1}`} className="adjudication-keep">
                      <button type="button" aria-pressed={pair.kept === 'first'} disabled={!pair.first || !mayCurate} onClick={() => keep(index, 'first')}>
                        Keep {analysts[0]}’s
                      </button>
                      <button type="button" aria-pressed={pair.kept === 'second'} disabled={!pair.second || !mayCurate} onClick={() => keep(index, 'second')}>
                        Keep {analysts[1]}’s
                      </button>
                      <button type="button" aria-pressed={pair.kept === 'neither'} disabled={!mayCurate} onClick={() => keep(index, 'neither')}>
                        Neither
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Curated layer of this article: {view.curated.length} span{view.curated.length === 1 ? '' : 's'}.
          </p>
        </>
      )}
    </section>
  );
}
