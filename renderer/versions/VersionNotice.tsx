import { useQuery } from '../data/DataProvider.tsx';

/**
 * Says when the open article is an older version kept as evidence, or replaced
 * an older one, and opens the other version on request.
 */
export function VersionNotice({ articleId, onOpen }: { articleId: number; onOpen(id: number): void }) {
  const versions = useQuery('articles.versions', {}).data ?? [];
  const newer = versions.find((v) => v.oldId === articleId);
  const older = versions.find((v) => v.newId === articleId);
  if (!newer && !older) return null;
  return (
    <p className="version-notice" role="note">
      {newer && (
        <>
          An older version, kept as evidence: replaced on {newer.supersededAt.slice(0, 10)} by{' '}
          <button type="button" className="link-button" onClick={() => onOpen(newer.newId)}>
            article {newer.newId}
          </button>
          .{' '}
        </>
      )}
      {older && (
        <>
          Replaces{' '}
          <button type="button" className="link-button" onClick={() => onOpen(older.oldId)}>
            article {older.oldId}
          </button>
          .
        </>
      )}
    </p>
  );
}
