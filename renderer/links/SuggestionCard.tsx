import type { Suggestion } from '../../main/contract/contract.ts';

export interface SuggestionCardProps {
  suggestion: Suggestion;
  /** Where the suggestion lives: a label such as the outlet, when the card is shown outside its article. */
  source?: string;
  /** The quote it was found for, when cards for many annotations are listed together. */
  foundFor?: string;
  active?: boolean;
  onOpen?(): void;
  onAccept(): void;
  onReject(): void;
}

/** One suggestion with its explanation: the words it shares and how the rest changed. */
export function SuggestionCard({ suggestion, source, foundFor, active, onOpen, onAccept, onReject }: SuggestionCardProps) {
  const changes = suggestion.explanation.operations.filter((o) => o.op !== 'equal');
  return (
    <li className={active ? 'suggestion active' : 'suggestion'} aria-current={active ? 'true' : undefined} data-article={suggestion.articleId}>
      {foundFor !== undefined && <p className="found-for">for “{foundFor}”</p>}
      <p className="suggestion-head">
        <span className="score" title="score: harmonic mean of how much of the quote it covers and how much of it answers the quote">
          {Math.round(suggestion.score * 100)}%
        </span>{' '}
        {source && <span className="suggestion-source">{source}</span>}{' '}
        {onOpen ? (
          <button type="button" className="follow ghost" onClick={onOpen}>
            “{suggestion.quote}”
          </button>
        ) : (
          <q className="ghost">{suggestion.quote}</q>
        )}
      </p>
      <p className="why">{suggestion.explanation.summary}</p>
      {changes.length > 0 && (
        <p className="edits">
          {changes.map((o, i) => (
            <span key={i} className={`edit edit-${o.op}`}>
              {o.op === 'insert' ? `+${o.to}` : o.op === 'delete' ? `−${o.from}` : `${o.from} → ${o.to}`}
            </span>
          ))}
        </p>
      )}
      <p className="suggestion-actions">
        <button type="button" onClick={onAccept}>
          Accept
        </button>
        <button type="button" onClick={onReject}>
          Reject
        </button>
        {suggestion.existingAnnotationId !== null && <span className="muted"> links annotation {suggestion.existingAnnotationId}</span>}
      </p>
    </li>
  );
}
