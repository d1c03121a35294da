import { useState } from 'react';
import type { ArticleSummary } from '../../main/contract/contract.ts';
import { useCall, useQuery } from '../data/DataProvider.tsx';
import { userMessage } from '../data/userMessage.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { bytesOfBase64, capturedKind, decodeCaptured, sandboxedDocument } from './capturedDocument.ts';
import './sources.css';

interface Original {
  kind: 'html' | 'pdf' | 'text';
  text: string;
  bytes: Uint8Array;
}

/**
 * The source as captured: what the import read (the page, the PDF, the text
 * file) with its sha256, size, capture time and, for a page fetched from the
 * web, its address and the server's date. The original opens in a sandboxed
 * frame where no script runs and nothing is fetched; a PDF is offered as the file.
 */
export function CapturedSourceDialog({ article, onClose }: { article: ArticleSummary; onClose(): void }) {
  const source = useQuery('articles.source', { id: article.id });
  const call = useCall();
  const [original, setOriginal] = useState<Original | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function load(): Promise<Original | null> {
    if (original) return original;
    setLoading(true);
    setError(null);
    try {
      const content = await call('articles.sourceContent', { id: article.id });
      const bytes = bytesOfBase64(content.contentBase64);
      const kind = capturedKind(content.source.mediaType);
      const loaded = { kind, bytes, text: kind === 'pdf' ? '' : decodeCaptured(bytes) };
      setOriginal(loaded);
      return loaded;
    } catch (failure) {
      setError(userMessage(failure));
      return null;
    } finally {
      setLoading(false);
    }
  }

  async function save() {
    const loaded = await load();
    const captured = source.data;
    if (!loaded || !captured) return;
    const url = URL.createObjectURL(new Blob([loaded.bytes as BlobPart], { type: captured.mediaType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = captured.fileName ?? `article-${article.id}-source`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const captured = source.data;
  return (
    <Dialog title="Source as captured" id="source-heading" className="source-dialog" onClose={onClose}>
      {source.error ? (
        <p role="alert">{userMessage(source.error)}</p>
      ) : captured === undefined ? (
        <p className="muted">Loading…</p>
      ) : captured === null ? (
        <p className="muted">No captured source was kept for this article: it came into the corpus before captures were kept, or from a colleague’s export.</p>
      ) : (
        <>
          <dl className="source-facts">
            <dt>File</dt>
            <dd>{captured.fileName ?? '—'}</dd>
            <dt>Type</dt>
            <dd>{captured.mediaType}</dd>
            <dt>Size</dt>
            <dd>{captured.size.toLocaleString('en')} bytes</dd>
            <dt>sha256</dt>
            <dd>
              <code className="sha256">{captured.sha256}</code>
            </dd>
            <dt>Captured</dt>
            <dd>{captured.capturedAt}</dd>
            {captured.address && (
              <>
                <dt>Address</dt>
                <dd>{captured.address}</dd>
                <dt>Server date</dt>
                <dd>{captured.httpDate ?? '—'}</dd>
              </>
            )}
          </dl>
          <p>
            {capturedKind(captured.mediaType) !== 'pdf' && (
              <button type="button" disabled={loading || original !== null} onClick={() => void load()}>
                Show the original
              </button>
            )}{' '}
            <button type="button" disabled={loading} onClick={() => void save()}>
              Save the original
            </button>
          </p>
          {error && (
            <p role="alert" className="form-error">
              {error}
            </p>
          )}
          {original?.kind === 'html' && (
            <iframe
              className="captured-original"
              title="The captured page (sandboxed: no script runs, nothing is fetched)"
              sandbox=""
              referrerPolicy="no-referrer"
              srcDoc={sandboxedDocument(original.text)}
            />
          )}
          {original?.kind === 'text' && (
            <pre className="captured-original" aria-label="The captured text">
              {original.text}
            </pre>
          )}
        </>
      )}
    </Dialog>
  );
}
