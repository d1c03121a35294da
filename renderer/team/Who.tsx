import type { Link } from '../../main/contract/contract.ts';
import { useQuery } from '../data/DataProvider.tsx';
import { setAnalystFilter, useAnalystFilter, type AnalystFilter } from './analystFilter.ts';
import './team.css';

/** The analyst using this app, as changes are recorded (null until the first answer). */
export function useMe(): string | null {
  return useQuery('sync.status', {}).data?.analyst ?? null;
}

/** Who made an annotation. */
export function AnnotationAuthor({ author }: { author: string }) {
  return <span className="who">by {author}</span>;
}

/** Who drew a link and who reviewed it last. */
export function LinkPeople({ link }: { link: Link }) {
  return (
    <span className="who">
      by {link.createdBy}
      {link.reviewer && ` · ${link.status} by ${link.reviewer}`}
    </span>
  );
}

const encode = (filter: AnalystFilter) => (filter.kind === 'analyst' ? `analyst:${filter.name}` : filter.kind);
const decode = (value: string): AnalystFilter =>
  value === 'mine' ? { kind: 'mine' } : value.startsWith('analyst:') ? { kind: 'analyst', name: value.slice(8) } : { kind: 'everyone' };

/** Mine / everyone's / one analyst: the authors offered are those of the open article's annotations, and any chosen before. */
export function AnalystFilterControl({ authors }: { authors: readonly string[] }) {
  const filter = useAnalystFilter();
  const me = useMe();
  const others = [...new Set([...authors, ...(filter.kind === 'analyst' ? [filter.name] : [])])].filter((a) => a !== me).sort();
  return (
    <select aria-label="Whose annotations" value={encode(filter)} onChange={(e) => setAnalystFilter(decode(e.target.value))}>
      <option value="everyone">Everyone’s</option>
      <option value="mine">Mine</option>
      {others.map((name) => (
        <option key={name} value={`analyst:${name}`}>
          {name}’s
        </option>
      ))}
    </select>
  );
}
