/**
 * The single IPC door: `qa:invoke` carries `(method, input)`. The sender is checked first (pure check in
 * security/ipc.ts); then every method, `native.*` included, goes to the core's dispatcher, which validates the input
 * against the contract (the native ones run the capabilities main gave the core: native/dialogs.ts).
 */
import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core/core';
import { parseInvoke } from '../security/ipc';

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
