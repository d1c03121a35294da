import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { isCrosscheckError } from '../contract/errors.ts';
import { IPC_CHANNEL } from '../api/ipcChannel.ts';
import { CorruptDatabaseError, openSession, type Session } from '../api/session.ts';
import { busyError, CORPUS_FILE_NAME } from '../api/corpusFile.ts';
import { FILE_OPERATIONS, type BackupSchedule } from '../api/fileOperations.ts';
import { startCorpusHost, type CorpusHost } from '../api/corpusHost.ts';
import { serveAppFile } from './appProtocol.ts';
import { answerIpcCall } from './ipcGuard.ts';
import { APP_ORIGIN, APP_SCHEME, isAllowedNavigation, windowOptions } from './windowOptions.ts';

// Bundled to dist/main.cjs; the renderer and preload are built beside it.
const distDir = __dirname;
const rendererDir = join(distDir, 'renderer');
const seedsDir = app.isPackaged ? join(process.resourcesPath, 'seeds') : join(distDir, '..', 'seeds');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;
let corpus: Session | null = null;
let backups: BackupSchedule | null = null;
let host: CorpusHost | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  const dbPath = process.env.CROSSCHECK_DB || join(app.getPath('userData'), CORPUS_FILE_NAME);
  corpus = await openOrOfferRestore(dbPath);
  if (!corpus) return void app.exit(1);
  backups = await FILE_OPERATIONS.scheduleBackups(corpus.db, dbPath);
  // The corpus runs in worker threads (api/corpusHost.ts), the suggestion refresher in its writer: this
  // process only passes messages, so no request, export or import can hold up the window's others.
  const requests = await startCorpusHost({ dbPath, actor: corpus.actor, refreshSuggestions: true });
  host = requests;

  protocol.handle(APP_SCHEME, (request) => serveAppFile(rendererDir, request.method, request.url, requests.downloads));
  ipcMain.handle(IPC_CHANNEL, (event, method: unknown, input: unknown) => answerIpcCall(requests.dispatch, event.senderFrame?.url, method, input));

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    const guard = (event: { preventDefault(): void }, url: string) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  createWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
}

/**
 * Opens the corpus; when it is damaged, offers its latest good backup. The
 * damaged file is moved aside by the restore, never deleted. Null when the
 * analyst declines or there is nothing to restore.
 */
async function openOrOfferRestore(dbPath: string): Promise<Session | null> {
  try {
    return openSession({ dbPath, seedsDir });
  } catch (error) {
    if (!(error instanceof CorruptDatabaseError)) throw error;
    const backup = error.latestGoodBackup;
    if (!backup) {
      dialog.showErrorBox('Your corpus is damaged', error.message);
      return null;
    }
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: 'Your corpus is damaged',
      message: 'Crosscheck found damage in your corpus and did not change it.',
      detail: `Restore the latest good backup, taken ${backup.takenAt}? The damaged file will be kept beside it.\n\n${error.message}`,
      buttons: ['Restore backup', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    });
    if (response !== 0) return null;
    const restored = await FILE_OPERATIONS.restoreBackup(dbPath, backup.path);
    await dialog.showMessageBox({ type: 'info', message: 'Backup restored.', detail: `The damaged corpus was kept as ${restored.setAside ?? '(none)'}.` });
    return openSession({ dbPath, seedsDir });
  }
}

function createWindow(): void {
  mainWindow = new BrowserWindow(windowOptions(join(distDir, 'preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

function fail(error: unknown): void {
  const message = busyError(error)?.message ?? (isCrosscheckError(error) || error instanceof Error ? error.message : String(error));
  dialog.showErrorBox('Crosscheck could not start', message);
  app.exit(1);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Quitting waits for the last backup, then closes the corpus.
app.on('will-quit', (event) => {
  if (!corpus) return;
  event.preventDefault();
  const closing = corpus;
  corpus = null;
  void Promise.all([backups?.stop(), host?.close()])
    .catch(() => undefined)
    .finally(() => {
      closing.close();
      app.exit(0);
    });
});
