/** Electron only: lifecycle, the window, and wiring the core to IPC. Everything the app does lives in ./core. */
import { app, BrowserWindow, dialog, ipcMain, net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from './core/core';
import { createFileLogger } from './core/logger';
import { appOrigin, appScheme, applySecurityPolicy, isOwnPage } from './security/hardening';

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

const dataDir = process.env.QA_DATA_DIR || app.getPath('userData');
const rendererDir = join(app.getAppPath(), 'dist', 'renderer');
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

function reportFatal(error: unknown): void {
  createFileLogger(dataDir).error('uncaught error in the main process', error);
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('QA Inspector', `发生意外错误 / An unexpected error occurred:\n${message}\n\n${dataDir}`);
}
process.on('uncaughtException', reportFatal);
process.on('unhandledRejection', reportFatal);

function serveRenderer(): void {
  protocol.handle(appScheme, (request) => {
    const { pathname } = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir + sep)) return new Response('forbidden', { status: 403 });
    const target = pathname === '/' || !pathname.includes('.') ? join(rendererDir, 'index.html') : file;
    return net.fetch(pathToFileURL(target).toString());
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: '质检工作台 QA Inspector',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${appOrigin}/`);
  return win;
}

function wireCore(instance: Core): void {
  ipcMain.handle('qa:invoke', async (event, method: unknown, input: unknown) => {
    if (!isOwnPage(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'IPC from an unexpected page was refused.' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'Method name must be a string.' } };
    }
    return instance.dispatch(method, input);
  });
  instance.events.subscribe((name, payload) => {
    mainWindow?.webContents.send('qa:event', name, payload);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    applySecurityPolicy();
    serveRenderer();
    try {
      core = createCore({
        dataDir,
        migrationsDir: join(app.getAppPath(), 'electron', 'core', 'db', 'migrations'),
        transport: 'electron',
      });
    } catch (error) {
      reportFatal(error);
      app.exit(1);
      return;
    }
    wireCore(core);
    mainWindow = createWindow();
  });

  app.on('window-all-closed', () => {
    core?.close();
    app.quit();
  });
}
