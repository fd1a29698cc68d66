/**
 * The desktop answers to `native.*` methods: system pickers and printing. main.ts routes these here before the
 * core dispatcher (whose own handlers only say "desktop app only"); inputs are checked with the same zod schemas.
 */
import { type BrowserWindow, dialog, type FileFilter, type OpenDialogOptions } from 'electron';
import { writeFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { z } from 'zod';
import { contract } from '../../shared/api';
import { nativeMethodNames, type NativeMethod } from '../../shared/contracts/native';
import type { ApiResult } from '../../shared/errors';

type InputOf<M extends NativeMethod> = z.output<(typeof contract)[M]['input']>;

export function isNativeMethod(method: string): method is NativeMethod {
  return (nativeMethodNames as string[]).includes(method);
}

function filters(list: { name: string; extensions: string[] }[] | undefined): FileFilter[] | undefined {
  return list?.map(({ name, extensions }) => ({ name, extensions }));
}

async function pickPaths(win: BrowserWindow, input: InputOf<'native.pickPaths'>) {
  const properties: OpenDialogOptions['properties'] =
    input.kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile', 'multiSelections'];
  const result = await dialog.showOpenDialog(win, { title: input.title, properties, filters: filters(input.filters) });
  return { paths: result.canceled ? [] : result.filePaths };
}

async function savePath(win: BrowserWindow, input: InputOf<'native.savePath'>) {
  const result = await dialog.showSaveDialog(win, {
    title: input.title,
    defaultPath: input.defaultName,
    filters: filters(input.filters),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  return { path: result.canceled || !result.filePath ? null : result.filePath };
}

async function printToPdf(win: BrowserWindow, input: InputOf<'native.printToPdf'>) {
  if (!isAbsolute(input.out)) throw new Error('out must be an absolute path');
  const pdf = await win.webContents.printToPDF({ landscape: input.landscape, printBackground: true, pageSize: 'A4' });
  await writeFile(input.out, pdf);
  return { path: input.out, bytes: pdf.length };
}

/** Validates and runs one native method for the window that asked; errors come back as `{code, message}`. */
export async function runNativeMethod(
  win: BrowserWindow,
  method: NativeMethod,
  rawInput: unknown,
  log: (message: string, error: unknown) => void,
): Promise<ApiResult<unknown>> {
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${method}: ${detail}` } };
  }
  try {
    const data =
      method === 'native.pickPaths'
        ? await pickPaths(win, parsed.data as InputOf<'native.pickPaths'>)
        : method === 'native.savePath'
          ? await savePath(win, parsed.data as InputOf<'native.savePath'>)
          : await printToPdf(win, parsed.data as InputOf<'native.printToPdf'>);
    return { ok: true, data };
  } catch (error) {
    log(`${method} failed`, error);
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `${method} failed: ${message}` } };
  }
}
