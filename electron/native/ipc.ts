/**
 * The single IPC door: `qa:invoke` carries `(method, input)`. The sender is checked first (pure check in
 * security/ipc.ts); `native.*` methods are answered here with native dialogs, everything else goes to the core's
 * dispatcher, which validates the input against the contract.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core/core';
import { parseInvoke } from '../security/ipc';
import { isNativeMethod, runNativeMethod } from './dialogs';

export function wireIpc(core: Core, getWindow: () => BrowserWindow | null): () => void {
  const senderOf = (event: IpcMainInvokeEvent) => {
    const win = getWindow();
    return {
      frameUrl: event.senderFrame?.url,
      isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
      webContentsId: event.sender.id,
      trustedWebContentsIds: new Set(win && !win.isDestroyed() ? [win.webContents.id] : []),
    };
  };
  ipcMain.handle('qa:invoke', async (event, method: unknown, input: unknown) => {
    const parsed = parseInvoke(senderOf(event), method, input);
    if (!parsed.ok) {
      core.logger.error(`refused IPC ${String(method).slice(0, 100)} from ${String(event.senderFrame?.url)}`);
      return parsed.result;
    }
    if (isNativeMethod(parsed.method)) {
      const win = BrowserWindow.fromWebContents(event.sender);
      if (!win) return { ok: false, error: { code: 'unavailable', message: 'The window is gone.' } };
      return runNativeMethod(win, parsed.method, parsed.input, (m, e) => core.logger.error(m, e));
    }
    return core.dispatch(parsed.method, parsed.input);
  });
  const unsubscribe = core.events.subscribe((name, payload) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send('qa:event', name, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler('qa:invoke');
  };
}
