import { useState, type FormEvent } from 'react';
import type { ClaimGroup } from '../../main/contract/contract.ts';
import { useMutate } from '../data/DataProvider.tsx';

/** schema.org's scale, as fact-checkers word it. */
const RATINGS = [
  [1, 'False'],
  [2, 'Mostly false'],
  [3, 'Mixed'],
  [4, 'Mostly true'],
  [5, 'True'],
] as const;

export interface VerdictFormProps {
  group: ClaimGroup;
}

/**
 * The verdict on a claim group, which its ClaimReview carries: a rating from
 * 1 (false) to 5 (true), or none, and the words for it. Saving replaces the
 * group's earlier verdict; the ClaimReview downloads as JSON-LD.
 */
export function VerdictForm({ group }: VerdictFormProps) {
  const mutate = useMutate();
  const [rating, setRating] = useState(group.verdict?.ratingValue ?? null);
  const [words, setWords] = useState(group.verdict?.alternateName ?? '');
  const [saving, setSaving] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    await mutate('claimRatings.set', { annotationId: group.id, ratingValue: rating, alternateName: words });
    setSaving(false);
  }

  return (
    <form className="verdict" onSubmit={(e) => void save(e)} aria-label={`Verdict on claim group ${group.id}`}>
      <label>
        Rating{' '}
        <select value={rating ?? ''} onChange={(e) => setRating(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">none</option>
          {RATINGS.map(([value, name]) => (
            <option key={value} value={value}>
              {value} · {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Verdict <input value={words} onChange={(e) => setWords(e.target.value)} placeholder="e.g. Misleading" maxLength={300} required />
      </label>
      <button type="submit" disabled={saving || words.trim() === ''}>
        Save verdict
      </button>
      {group.verdict && (
        <span className="muted">
          {group.verdict.reviewer}, {group.verdict.reviewedAt.slice(0, 10)}
        </span>
      )}
      <a className="button" href={`/export/claimreview.json?group=${group.id}`} download={`claimreview-${group.id}.json`}>
        ClaimReview JSON
      </a>
    </form>
  );
}
