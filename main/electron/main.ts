import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../api/contentSecurityPolicy.ts';
import { isCrosscheckError } from '../api/errors.ts';
import { IPC_CHANNEL } from '../api/ipcChannel.ts';
import { openSession, type Session } from '../api/session.ts';
import { CORPUS_FILE_NAME } from '../corpus/location.ts';
import { readStaticFile } from '../server/staticFiles.ts';
import { answerIpcCall } from './ipcGuard.ts';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, windowOptions } from './windowOptions.ts';

// Bundled to dist/main.cjs; the renderer and preload are built beside it.
const distDir = __dirname;
const rendererDir = join(distDir, 'renderer');
const seedsDir = app.isPackaged ? join(process.resourcesPath, 'seeds') : join(distDir, '..', 'seeds');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;
let corpus: Session | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, fail);
}

function start(): void {
  corpus = openSession({ dbPath: process.env.CROSSCHECK_DB || join(app.getPath('userData'), CORPUS_FILE_NAME), seedsDir });

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readStaticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'content-type': file.contentType, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
    });
  });

  ipcMain.handle(IPC_CHANNEL, (event, method: unknown, input: unknown) => answerIpcCall(corpus!.dispatch, event.senderFrame?.url, method, input));

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  createWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
}

function createWindow(): void {
  mainWindow = new BrowserWindow(windowOptions(join(distDir, 'preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

function fail(error: unknown): void {
  const message = isCrosscheckError(error) || error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Crosscheck could not start', message);
  app.exit(1);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => corpus?.close());
