import { useMutate, useQuery } from '../data/DataProvider.tsx';

/**
 * Marks the open article done for the analyst (or takes it up again). Under blind
 * annotation it says how many of others' spans stay hidden until then.
 */
export function DoneControl({ articleId }: { articleId: number }) {
  const { data: state } = useQuery('articles.doneState', { id: articleId });
  const mutate = useMutate();
  if (!state) return null;
  return (
    <span className="done-control">
      <button
        type="button"
        className="quiet-button"
        aria-pressed={state.done}
        onClick={() => void mutate('articles.markDone', { id: articleId, done: !state.done })}
      >
        {state.done ? 'Done ✓ (take it up again)' : 'Mark done'}
      </button>
      {state.blind && !state.done && (
        <span className="muted" role="note">
          {' '}
          Blind annotation: {state.hidden} span{state.hidden === 1 ? '' : 's'} by others hidden until you mark this article done.
        </span>
      )}
      {state.doneBy.length > 0 && <span className="who"> Done by {state.doneBy.map((d) => d.analyst).join(', ')}.</span>}
    </span>
  );
}
