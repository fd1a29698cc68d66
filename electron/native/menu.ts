/** Installs the application menu and rebuilds it whenever the language setting changes. */
import { app, type BrowserWindow, dialog, Menu, shell } from 'electron';
import { join } from 'node:path';
import type { Core } from '../core/core';
import { appVersion } from '../core/version';
import { buildMenuTemplate } from './menu-template';

export function installMenu(core: Core, getWindow: () => BrowserWindow | null): () => void {
  const build = () => {
    const language = core.context.settings.get().language;
    const template = buildMenuTemplate(
      { language, platform: process.platform, packaged: app.isPackaged },
      {
        command: (command) => getWindow()?.webContents.send('qa:event', 'native.menuCommand', { command }),
        openDataFolder: () => void shell.openPath(core.dataDir),
        openLogFolder: () => void shell.openPath(join(core.dataDir, 'logs')),
        about: () => {
          const win = getWindow();
          const options = {
            type: 'info' as const,
            title: '质检工作台 · QA Inspector',
            message: `质检工作台 · QA Inspector ${appVersion}`,
            detail: `Electron ${process.versions.electron} · Chromium ${process.versions.chrome}\n${core.dataDir}`,
          };
          void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
        },
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  build();
  return core.events.subscribe((event) => {
    if (event === 'settings.changed') build();
  });
}
