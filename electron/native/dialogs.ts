/**
 * The desktop's native capabilities (system pickers and printing the window), given to the core at start
 * (core/native/handlers.ts): the core's dispatcher validates their inputs and words their errors like any method's.
 * They act on the app's one window, the only sender the IPC handler accepts.
 */
import { type BrowserWindow, dialog, type FileFilter, type OpenDialogOptions } from 'electron';
import { writeFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { AppError } from '../core/errors';
import type { NativeCapabilities } from '../core/native/handlers';

function filters(list: { name: string; extensions: string[] }[] | undefined): FileFilter[] | undefined {
  return list?.map(({ name, extensions }) => ({ name, extensions }));
}

export function nativeCapabilities(getWindow: () => BrowserWindow | null): NativeCapabilities {
  const window = () => {
    const win = getWindow();
    if (!win || win.isDestroyed()) throw new AppError('unavailable', 'The window is gone.');
    return win;
  };
  return {
    'native.pickPaths': async (input) => {
      const properties: OpenDialogOptions['properties'] =
        input.kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile', 'multiSelections'];
      const options = { title: input.title, properties, filters: filters(input.filters) };
      const result = await dialog.showOpenDialog(window(), options);
      return { paths: result.canceled ? [] : result.filePaths };
    },
    'native.savePath': async (input) => {
      const result = await dialog.showSaveDialog(window(), {
        title: input.title,
        defaultPath: input.defaultName,
        filters: filters(input.filters),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return { path: result.canceled || !result.filePath ? null : result.filePath };
    },
    'native.printToPdf': async (input) => {
      if (!isAbsolute(input.out)) throw new AppError('invalid_input', 'The PDF needs an absolute path.');
      const pdf = await window().webContents.printToPDF({
        landscape: input.landscape,
        printBackground: true,
        pageSize: 'A4',
      });
      await writeFile(input.out, pdf);
      return { path: input.out, bytes: pdf.length };
    },
  };
}
