import { useState } from 'react';
import { TAGS } from '../../main/contract/vocabulary.ts';
import type { Input } from '../../main/contract/contract.ts';
import { useArticleNames } from '../articles/useArticleNames.ts';
import { useQuery } from '../data/DataProvider.tsx';
import { userMessage } from '../data/userMessage.ts';
import { useKeyScope } from '../keys/KeyRouter.tsx';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import './team.css';

const figure = (value: number | null) => (value === null ? '—' : value.toFixed(3));

/**
 * How far two analysts agree, as `crosscheck agreement` prints it: Cohen's kappa over
 * words and Krippendorff's unitizing alpha, per tag and overall, with the counts behind
 * them; then the articles where they differ, most first, each a click away.
 */
export function AgreementView() {
  useKeyScope('review.agreement', {});
  const [pair, setPair] = useState<[string, string] | null>(null);
  // Until both names are typed, the two who annotated most.
  const query: Input<'agreement.compute'> = pair && pair[0].trim() && pair[1].trim() ? { analysts: pair } : {};
  const { data: report, error } = useQuery('agreement.compute', query);
  const names = useArticleNames(report?.perArticle.map((a) => a.articleId) ?? []);
  const { openAt } = useWorkspace();
  const [first, second] = pair ?? report?.analysts ?? ['', ''];

  return (
    <section className="agreement" aria-label="Agreement">
      <form className="agreement-pair" onSubmit={(e) => e.preventDefault()}>
        <label>
          First analyst <input value={first} onChange={(e) => setPair([e.target.value, second])} />
        </label>
        <label>
          Second analyst <input value={second} onChange={(e) => setPair([first, e.target.value])} />
        </label>
      </form>
      {error && <p role="alert">{userMessage(error)}</p>}
      {!report && !error && <p className="muted">Loading…</p>}
      {report && (
        <>
          <p>
            {report.analysts[0]} and {report.analysts[1]} over {report.articleIds.length} article{report.articleIds.length === 1 ? '' : 's'}: {report.words}{' '}
            words, {report.codeUnits} characters.
          </p>
          <table aria-label="Agreement per tag">
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">Cohen’s kappa (words)</th>
                <th scope="col">Unitizing alpha (spans)</th>
                <th scope="col">Spans by {report.analysts[0]}</th>
                <th scope="col">Spans by {report.analysts[1]}</th>
              </tr>
            </thead>
            <tbody>
              {TAGS.map((tag) => (
                <tr key={tag}>
                  <th scope="row">{tag}</th>
                  <td>{figure(report.kappa.perTag[tag]?.kappa ?? null)}</td>
                  <td>{figure(report.alpha.perTag[tag]?.alpha ?? null)}</td>
                  <td>{report.spans[report.analysts[0]]?.[tag] ?? 0}</td>
                  <td>{report.spans[report.analysts[1]]?.[tag] ?? 0}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">overall</th>
                <td>{figure(report.kappa.overall.kappa)}</td>
                <td>{figure(report.alpha.overall.alpha)}</td>
                <td>{TAGS.reduce((n, tag) => n + (report.spans[report.analysts[0]]?.[tag] ?? 0), 0)}</td>
                <td>{TAGS.reduce((n, tag) => n + (report.spans[report.analysts[1]]?.[tag] ?? 0), 0)}</td>
              </tr>
            </tbody>
          </table>
          <h3>Where they differ</h3>
          {report.perArticle.every((a) => a.differing === 0) ? (
            <p className="muted">They labelled every word alike.</p>
          ) : (
            <ul className="agreement-articles" aria-label="Articles where they differ">
              {report.perArticle
                .filter((a) => a.differing > 0)
                .map((a) => (
                  <li key={a.articleId}>
                    <button type="button" onClick={() => openAt(a.articleId, null, 0)}>
                      {names(a.articleId)}
                    </button>{' '}
                    {a.differing} of {a.words} words labelled differently (kappa {figure(a.kappa)})
                  </li>
                ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
