import type { ClaimGroup } from '../../main/contract/contract.ts';
import { VerdictForm } from './VerdictForm.tsx';
import { WordDiff } from './WordDiff.tsx';

export interface ClaimGroupTableProps {
  group: ClaimGroup;
  onOpen(articleId: number, annotationId: number, offset: number): void;
}

/** One claim group: a row per source, earliest first, its wording diffed against the earliest and classed by drift. */
export function ClaimGroupTable({ group, onOpen }: ClaimGroupTableProps) {
  const base = group.rows[0]!;
  return (
    <section className={group.flagged ? 'claim-group flagged' : 'claim-group'} aria-label={`Claim group ${group.id}`}>
      <h3>
        {group.flagged && (
          <span className="flag-badge" title="at least one variant changes the meaning">
            meaning changed
          </span>
        )}{' '}
        “{base.annotation.quote}”<span className="muted"> — {group.rows.length} reports</span>
      </h3>
      <table className="group-table">
        <thead>
          <tr>
            <th scope="col">outlet</th>
            <th scope="col">date</th>
            <th scope="col">speaker</th>
            <th scope="col">wording against the earliest</th>
            <th scope="col">drift</th>
          </tr>
        </thead>
        <tbody>
          {group.rows.map((row) => (
            <tr key={row.annotation.id} className={row.flags.length > 0 ? 'row-flagged' : undefined} data-annotation={row.annotation.id}>
              <td>
                <button type="button" className="follow" onClick={() => onOpen(row.annotation.articleId, row.annotation.id, row.annotation.start)}>
                  {row.outlet ?? row.title ?? `article ${row.annotation.articleId}`}
                </button>
              </td>
              <td className="nowrap">{row.published ?? 'undated'}</td>
              <td>{row.speakerName ?? '—'}</td>
              <td className="diff-cell">
                <WordDiff segments={row.diff} />
              </td>
              <td>
                <span className={`drift drift-${row.primaryDrift}`} title={row.drift.join(', ')}>
                  {row.primaryDrift}
                </span>
                {row.flags.map((flag, i) => (
                  <span key={i} className={`flag flag-${flag.kind}`} role="note">
                    {flag.kind}: {flag.detail}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <VerdictForm key={group.verdict?.reviewedAt ?? 'none'} group={group} />
    </section>
  );
}
