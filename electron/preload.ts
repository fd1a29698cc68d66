/** The page's only way into the app: invoke a contract method, or listen to core events. Nothing else leaks. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

type Listener = (event: string, payload: unknown) => void;

contextBridge.exposeInMainWorld('qa', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('qa:invoke', method, input),
  on: (listener: Listener): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on('qa:event', wrapped);
    return () => ipcRenderer.removeListener('qa:event', wrapped);
  },
});
