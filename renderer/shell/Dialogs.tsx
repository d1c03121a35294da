import { useQuery } from '../data/DataProvider.tsx';
import { ExportDialog } from '../export/ExportDialog.tsx';
import { ImportDialog } from '../import/ImportDialog.tsx';
import { KeyMapHelp } from '../keys/KeyMapHelp.tsx';
import { MetadataEditor } from '../metadata/MetadataEditor.tsx';
import { OrphansQueue } from '../orphans/OrphansQueue.tsx';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import { PublisherSettingsDialog } from '../settings/PublisherSettingsDialog.tsx';
import { CapturedSourceDialog } from '../sources/CapturedSourceDialog.tsx';

/** The dialog open now, if any: import, export, article details, orphans, or the key map. */
export function Dialogs() {
  const { dialog, setDialog, open, help, setHelp } = useWorkspace();
  const outlets = useQuery('articles.outlets', dialog === 'export' ? {} : null).data;
  const close = () => setDialog(null);
  return (
    <>
      {help && <KeyMapHelp scopes={help} onClose={() => setHelp(null)} />}
      {dialog === 'import' && <ImportDialog onClose={close} />}
      {dialog === 'export' && <ExportDialog outlets={(outlets ?? []).flatMap((o) => (o.outlet ? [o.outlet] : []))} onClose={close} />}
      {dialog === 'orphans' && <OrphansQueue onClose={close} />}
      {dialog === 'details' && open && <MetadataEditor article={open.article} onClose={close} />}
      {dialog === 'settings' && <PublisherSettingsDialog onClose={close} />}
      {dialog === 'source' && open && <CapturedSourceDialog article={open.article} onClose={close} />}
    </>
  );
}
