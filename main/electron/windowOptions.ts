import type { BrowserWindowConstructorOptions } from 'electron';

/** The renderer's origin: app files come through this custom protocol, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'crosscheck';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The main window's settings. The renderer gets no Node, runs sandboxed and
 * isolated, and reaches main only through the preload's one `call` function.
 */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Crosscheck',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Only the app's own top-level page may talk to main. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Where the window may navigate: only within the app's own origin; links to the web never open inside it. */
export function isAllowedNavigation(url: string): boolean {
  return isTrustedSenderUrl(url);
}
