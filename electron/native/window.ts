/** The main window: opens where it was left, remembers its bounds, and is built with the secure preferences. */
import { BrowserWindow, screen } from 'electron';
import { appOrigin } from '../security/origin';
import {
  loadWindowState,
  minimumWindowSize,
  restoreBounds,
  saveWindowState,
  windowStateFile,
  type WindowState,
} from './window-state';

export function createMainWindow(dataDir: string, preload: string, onSaveError: (error: unknown) => void) {
  const file = windowStateFile(dataDir);
  const bounds = restoreBounds(
    loadWindowState(file),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const win = new BrowserWindow({
    ...bounds,
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    title: '质检工作台 QA Inspector',
    show: false,
    backgroundColor: '#f5f7fa',
    // Every preference on Electron's security checklist, spelled out here where reviewers and electronegativity
    // (scripts/check-electronegativity.mjs) can see them.
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A file dropped outside the library's drop zone must not navigate the window to file://.
      navigateOnDragDrop: false,
      // Middle-click must not open links in new windows; window.open is denied anyway.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  if (bounds.maximized) win.maximize();

  // Normal (not maximised) bounds are what to restore to; saved shortly after moves stop, and on close.
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const normal = win.getNormalBounds();
    const state: WindowState = { ...normal, maximized: win.isMaximized() };
    try {
      saveWindowState(file, state);
    } catch (error) {
      onSaveError(error);
    }
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', saveSoon);
  win.on('close', save);

  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${appOrigin}/`);
  return win;
}
