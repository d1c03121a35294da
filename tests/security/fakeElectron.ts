import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runInThisContext } from 'node:vm';

type Listener = (...args: any[]) => unknown;

/**
 * A stand-in for the `electron` module that records what the bundled main
 * and preload ask of it, so their security settings are checked on the very
 * code that ships (Electron itself cannot run on the CI machine).
 */
export function fakeElectron(options: { singleInstanceLock?: boolean; userData: string; dialogAnswer?: number }) {
  let becomeReady!: () => void;
  const ready = new Promise<void>((resolve) => (becomeReady = resolve));
  const appListeners = new Map<string, Listener[]>();
  const record = {
    privilegedSchemes: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
    protocolHandlers: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    windows: [] as FakeWindow[],
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    dialogs: [] as unknown[],
    exits: [] as number[],
    quits: 0,
    exposed: new Map<string, unknown>(),
    invoked: [] as unknown[][],
  };

  class FakeWindow {
    readonly options: any;
    url: string | null = null;
    focused = 0;
    constructor(windowOptions: unknown) {
      this.options = windowOptions;
      record.windows.push(this);
    }
    once() {}
    on() {}
    show() {}
    isMinimized() {
      return true;
    }
    restore() {}
    focus() {
      this.focused++;
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    static getAllWindows() {
      return record.windows;
    }
  }

  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => options.singleInstanceLock ?? true,
    quit: () => void record.quits++,
    exit: (code: number) => void record.exits.push(code),
    on(name: string, listener: Listener) {
      appListeners.set(name, [...(appListeners.get(name) ?? []), listener]);
      return app;
    },
    whenReady: () => ready,
    getPath: () => options.userData,
  };

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: typeof record.privilegedSchemes) => void record.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: Listener) => void record.protocolHandlers.set(scheme, handler),
    },
    ipcMain: { handle: (channel: string, handler: Listener) => void record.ipcHandlers.set(channel, handler) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => void (record.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => void (record.permissionCheck = handler),
      },
    },
    dialog: {
      showErrorBox: (title: string, message: string) => void record.dialogs.push({ title, message }),
      showMessageBox: async (box: unknown) => {
        record.dialogs.push(box);
        return { response: options.dialogAnswer ?? 1 };
      },
    },
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => void record.exposed.set(name, api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        record.invoked.push(args);
        return Promise.resolve({ ok: true, value: null });
      },
    },
  };

  const emit = (name: string, ...args: unknown[]) => (appListeners.get(name) ?? []).map((listener) => listener(...args));
  return { electron, record, emit, becomeReady };
}

/** Runs a CommonJS bundle from dist/ with `electron` replaced by the fake and every other module real. */
export function runBundle(file: string, electron: unknown): void {
  const realRequire = createRequire(file);
  const wrapped = runInThisContext(Module.wrap(readFileSync(file, 'utf8')), { filename: file }) as (...args: unknown[]) => void;
  const module = { exports: {} };
  const require = Object.assign((id: string) => (id === 'electron' ? electron : realRequire(id)), realRequire);
  wrapped(module.exports, require, module, file, dirname(file));
}
