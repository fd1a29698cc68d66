/**
 * The page's only way into the app: invoke a contract method, or listen to core events. Nothing else leaks:
 * no ipcRenderer, no Node, no arbitrary channels.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { QaBridge } from '../shared/bridge';

type Listener = (event: string, payload: unknown) => void;

const bridge = {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('qa:invoke', method, input),
  on: (listener: Listener): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on('qa:event', wrapped);
    return () => ipcRenderer.removeListener('qa:event', wrapped);
  },
  /**
   * The third, narrow function, for drag-and-drop import onto the library. A File dropped on a sandboxed page
   * carries no path (Electron removed File.path in v32), and a File object cannot cross IPC to main, so
   * webUtils.getPathForFile — callable only in preload — is the one way to learn where a dropped file is.
   * It only reveals paths of files the user has just dropped; it returns '' for anything else.
   */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
} satisfies QaBridge<File>;

contextBridge.exposeInMainWorld('qa', bridge);
