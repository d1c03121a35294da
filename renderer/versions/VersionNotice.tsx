import { useEffect, useState } from 'react';
import type { ArticleVersion } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';

/**
 * Says when the open article is an older version kept as evidence, or replaced
 * an older one, and opens the other version on request.
 */
export function VersionNotice({ client, articleId, onOpen }: { client: Client; articleId: number; onOpen(id: number): void }) {
  const [versions, setVersions] = useState<ArticleVersion[]>([]);
  useEffect(() => {
    let current = true;
    client.call('articles.versions', {}).then((list) => current && setVersions(list), () => current && setVersions([]));
    return () => {
      current = false;
    };
  }, [client, articleId]);
  const newer = versions.find((v) => v.oldId === articleId);
  const older = versions.find((v) => v.newId === articleId);
  if (!newer && !older) return null;
  return (
    <p className="version-notice" role="note">
      {newer && (
        <>
          An older version, kept as evidence: replaced on {newer.supersededAt.slice(0, 10)} by{' '}
          <button type="button" className="link-button" onClick={() => onOpen(newer.newId)}>article {newer.newId}</button>.{' '}
        </>
      )}
      {older && (
        <>
          Replaces{' '}
          <button type="button" className="link-button" onClick={() => onOpen(older.oldId)}>article {older.oldId}</button>.
        </>
      )}
    </p>
  );
}
