import { useErrorBanner } from '../data/DataProvider.tsx';

/** The last error, in words for the analyst, until dismissed. */
export function ErrorBanner() {
  const { error, dismiss } = useErrorBanner();
  if (!error) return null;
  return (
    <div role="alert" className="error-banner">
      {error}
      <button type="button" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
