import { useEffect, useMemo, useRef, useState, type Ref } from 'react';
import type { SearchResults } from '../../main/contract/contract.ts';
import { articleTitle } from '../articles/articleTitle.ts';
import { useCall, useQuery } from '../data/DataProvider.tsx';
import { userMessage } from '../data/userMessage.ts';
import type { Span } from '../annotations/spanBoundaries.ts';
import { searchPassages } from './searchPassages.ts';

/** Wait after the last keystroke before searching, so typing is not slowed by queries. */
const DEBOUNCE_MS = 120;

export interface SearchBoxProps {
  onJump(articleId: number, span: Span): void;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * Corpus-wide search: passages grouped by article, each article named as the
 * article list names it (its title, else its file name); arrows choose, Enter
 * (or a click) jumps to the passage.
 */
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

  const groups = useMemo(() => (results?.articles ?? []).map((a) => ({ ...a, passages: searchPassages(a.matches) })), [results]);
  const ids = useMemo(() => groups.map((a) => a.articleId).sort((a, b) => a - b), [groups]);
  const summaries = useQuery('articles.summaries', ids.length > 0 ? { ids } : null).data;
  const label = (article: (typeof groups)[number]) => {
    const summary = summaries?.find((a) => a.id === article.articleId);
    return summary ? articleTitle(summary).text : (article.title ?? article.outlet ?? 'untitled article');
  };
  const flat = groups.flatMap((a) => a.passages.map((p) => ({ articleId: a.articleId, span: { start: p.start, end: p.end } })));
  const jump = (index: number) => {
    const target = flat[index];
    if (!target) return;
    onJump(target.articleId, target.span);
    setQuery('');
    // The analyst goes on reading: keys are the Read view's again (j, Esc), not the search field's.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
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
          {groups.map((article) => (
            <section key={article.articleId} aria-label={label(article)}>
              <h3>
                {label(article)} {article.outlet && <span className="match-outlet">{article.outlet}</span>}{' '}
                <span className="match-count" title="matched words in the article">
                  {article.matchCount}
                  {article.moreMatches ? '+' : ''}
                </span>
              </h3>
              {article.passages.map((passage) => {
                const mine = index++;
                return (
                  <div
                    key={passage.start}
                    role="option"
                    aria-selected={mine === active}
                    className="search-match"
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => jump(mine)}
                  >
                    …{passage.before}
                    {passage.parts.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}
                    {passage.after}…
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
