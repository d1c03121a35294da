import type { Client } from './api/client.ts';
import { DataProvider } from './data/DataProvider.tsx';
import { KeyRouter } from './keys/KeyRouter.tsx';
import { ReadView } from './reading/ReadView.tsx';
import { ReviewDesk } from './review/ReviewDesk.tsx';
import { Dialogs } from './shell/Dialogs.tsx';
import { ErrorBanner } from './shell/ErrorBanner.tsx';
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
  return (
    <div className="app">
      <TopBar />
      <ErrorBanner />
      {view === 'review' && <ReviewDesk />}
      <ReadView />
      <Dialogs />
    </div>
  );
}
