/**
 * Desktop-only features (native dialogs, printing). They are ordinary contract methods so the page calls them like
 * any other; Electron's main process answers them itself, and every other transport answers `unavailable`, which
 * the page turns into "type a path instead".
 */
import { z } from 'zod';
import { method } from './define';

export const fileFilterSchema = z
  .object({
    name: z.string().min(1).max(100),
    /** Extensions without the dot, e.g. ["wav", "mp3"]; "*" for all files. */
    extensions: z
      .array(
        z
          .string()
          .regex(/^(\*|[A-Za-z0-9]{1,10})$/)
          .max(10),
      )
      .min(1)
      .max(30),
  })
  .strict();

export type FileFilter = z.infer<typeof fileFilterSchema>;

export const pickPathsInputSchema = z
  .object({
    kind: z.enum(['files', 'folder']),
    title: z.string().max(200).optional(),
    filters: z.array(fileFilterSchema).max(10).optional(),
  })
  .strict();

export const savePathInputSchema = z
  .object({
    /** A bare file name: the dialog picks the folder. */
    defaultName: z
      .string()
      .min(1)
      .max(200)
      .refine((name) => !/[\\/]/.test(name), 'defaultName must be a file name, not a path'),
    title: z.string().max(200).optional(),
    filters: z.array(fileFilterSchema).min(1).max(10),
  })
  .strict();

export const printToPdfInputSchema = z
  .object({
    out: z
      .string()
      .min(1)
      .max(4096)
      .refine((p) => /\.pdf$/i.test(p), 'out must end in .pdf'),
    landscape: z.boolean().default(false),
  })
  .strict();

export const nativeContract = {
  'native.pickPaths': method<{ paths: string[] }>()(
    pickPathsInputSchema,
    'Desktop app only: the system file or folder picker; an empty list when the user cancels.',
  ),
  'native.savePath': method<{ path: string | null }>()(
    savePathInputSchema,
    'Desktop app only: the system save dialog; null when the user cancels.',
  ),
  'native.printToPdf': method<{ path: string; bytes: number }>()(
    printToPdfInputSchema,
    'Desktop app only: print the current page (e.g. a report) to a PDF file.',
  ),
};

export type NativeMethod = keyof typeof nativeContract;
export const nativeMethodNames = Object.keys(nativeContract) as NativeMethod[];

/** Commands the application menu sends to the page (as a `native.menuCommand` event). */
export const menuCommands = [
  'library.import',
  'go.library',
  'go.evaluate',
  'go.reports',
  'go.sync',
  'go.settings',
] as const;
export type MenuCommand = (typeof menuCommands)[number];
