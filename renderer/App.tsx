import { Suspense, useEffect } from 'react';
import type { Client } from './api/client.ts';
import { DataProvider } from './data/DataProvider.tsx';
import { KeyRouter } from './keys/KeyRouter.tsx';
import { ReadView } from './reading/ReadView.tsx';
import { Dialogs } from './shell/Dialogs.tsx';
import { ErrorBanner } from './shell/ErrorBanner.tsx';
import { loadLaterParts, ReviewDesk } from './shell/onDemand.ts';
import { TopBar } from './shell/TopBar.tsx';
import { useWorkspace, WorkspaceProvider } from './workspace/WorkspaceProvider.tsx';

/** The app: the client, the keyboard router and the workspace, around the layout. */
export function App({ client }: { client: Client }) {
  return (
    <DataProvider client={client}>
      <KeyRouter>
        <WorkspaceProvider>
          <Layout />
        </WorkspaceProvider>
      </KeyRouter>
    </DataProvider>
  );
}

function Layout() {
  const { view } = useWorkspace();
  useEffect(loadLaterParts, []);
  return (
    <div className="app">
      <TopBar />
      <ErrorBanner />
      {view === 'review' && (
        <Suspense fallback={<p className="muted">Loading the review desk…</p>}>
          <ReviewDesk />
        </Suspense>
      )}
      <ReadView />
      <Dialogs />
    </div>
  );
}
