import { useEffect, useRef, useState, type Ref } from 'react';
import type { SearchResults } from '../../main/contract/contract.ts';
import { useCall } from '../data/DataProvider.tsx';
import { userMessage } from '../data/userMessage.ts';
import type { Span } from '../annotations/spanBoundaries.ts';

/** Wait after the last keystroke before searching, so typing is not slowed by queries. */
const DEBOUNCE_MS = 120;

export interface SearchBoxProps {
  onJump(articleId: number, span: Span): void;
  inputRef?: Ref<HTMLInputElement>;
}

/** Corpus-wide search: matches grouped by article; arrows choose, Enter (or a click) jumps to the match. */
export function SearchBox({ onJump, inputRef }: SearchBoxProps) {
  const call = useCall();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const latest = useRef('');

  useEffect(() => {
    latest.current = query;
    if (query.trim() === '') {
      setResults(null);
      setProblem(null);
      return;
    }
    const timer = setTimeout(() => {
      call('search.articles', { query }).then(
        (found) => {
          if (latest.current !== query) return;
          setResults(found);
          setProblem(null);
          setActive(0);
        },
        (error: Error) => latest.current === query && (setResults(null), setProblem(userMessage(error))),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [call, query]);

  const flat = results?.articles.flatMap((a) => a.matches.map((m) => ({ articleId: a.articleId, span: { start: m.start, end: m.end } }))) ?? [];
  const jump = (index: number) => {
    const target = flat[index];
    if (!target) return;
    onJump(target.articleId, target.span);
    setQuery('');
  };
  let index = 0;

  return (
    <div className="search">
      <input
        ref={inputRef}
        type="search"
        aria-label="Search the corpus"
        placeholder="Search all articles  ( / )"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(0, Math.min(flat.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
          } else if (e.key === 'Enter') jump(active);
          else if (e.key === 'Escape') setQuery('');
        }}
      />
      {problem && <p className="search-problem">{problem}</p>}
      {results && (
        <div className="search-results" role="listbox" aria-label="Search results">
          {results.articles.length === 0 && <p className="empty">No article contains every word.</p>}
          {results.prefixSkipped && <p className="search-note">Short words are matched whole: type a third letter to find words that begin with them.</p>}
          {results.ranked === false && (
            <p className="search-note">Many articles match: the first ones are shown in corpus order. Type more to rank them by relevance.</p>
          )}
          {results.articles.map((article) => (
            <section key={article.articleId} aria-label={article.title ?? `Article ${article.articleId}`}>
              <h3>
                {article.title ?? `Article ${article.articleId}`} <span className="match-count">{article.matchCount}</span>
              </h3>
              {article.matches.map((match) => {
                const mine = index++;
                return (
                  <div
                    key={match.start}
                    role="option"
                    aria-selected={mine === active}
                    className="search-match"
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => jump(mine)}
                  >
                    …{match.before}
                    <mark>{match.match}</mark>
                    {match.after}…
                  </div>
                );
              })}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
