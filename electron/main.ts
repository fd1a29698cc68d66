/**
 * Electron only: start-up order and wiring. What the app does lives in ./core; window, menu, dialogs and
 * notifications in ./native; the security checklist in ./security.
 */
import { app, safeStorage, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from './core/core';
import { defaultDataDir } from './core/paths';
import { installCrashHandling, failStartup } from './native/crash';
import { nativeCapabilities } from './native/dialogs';
import { installMenu } from './native/menu';
import { mediaSourceFor } from './native/media-source';
import { notifyFinishedJobs } from './native/notifications';
import { chooseSecretStore } from './native/secret-store';
import { wireIpc } from './native/ipc';
import { createMainWindow } from './native/window';
import { applySecurityPolicy, registerPrivilegedSchemes } from './security/hardening';
import { serveAppSchemes } from './security/protocols';

// The same folder browser mode and the qa command use (QA_DATA_DIR or the OS's per-user folder); Chromium's own
// storage goes into a subfolder so it never mixes with the database.
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);
app.setPath('sessionData', join(dataDir, 'session'));
const logger = installCrashHandling(dataDir);
registerPrivilegedSchemes();

let mainWindow: BrowserWindow | null = null;
const getWindow = () => mainWindow;

async function start(): Promise<void> {
  applySecurityPolicy();
  let core: Core;
  try {
    const secretStore = await chooseSecretStore(safeStorage, process.platform);
    core = createCore({
      dataDir,
      migrationsDir: join(app.getAppPath(), 'electron', 'core', 'db', 'migrations'),
      scorecardsDir: join(app.getAppPath(), 'resources', 'scorecards'),
      transport: 'electron',
      sync: { secretStore },
      native: nativeCapabilities(getWindow),
    });
  } catch (error) {
    failStartup(logger, error);
    return;
  }
  serveAppSchemes(join(app.getAppPath(), 'dist', 'renderer'), mediaSourceFor(core), (m, e) => logger.error(m, e));
  const closers = [wireIpc(core, getWindow), installMenu(core, getWindow), notifyFinishedJobs(core, getWindow)];
  mainWindow = createMainWindow(dataDir, join(import.meta.dirname, 'preload.cjs'), (e) =>
    logger.error('could not save the window position', e),
  );
  mainWindow.on('closed', () => (mainWindow = null));
  app.on('window-all-closed', () => {
    for (const close of closers.splice(0)) close();
    core.close();
    app.quit();
  });
}

// A second launch (e.g. double-clicking the shortcut again) focuses the running window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  void app.whenReady().then(start);
}
