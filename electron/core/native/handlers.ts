import type { z } from 'zod';
import type { contract } from '../../../shared/api';
import type { nativeContract, NativeMethod } from '../../../shared/contracts/native';
import type { CoreContext, HandlersFor } from '../context';
import { AppError } from '../errors';

type InputOf<M extends NativeMethod> = z.output<(typeof contract)[M]['input']>;
type OutputOf<M extends NativeMethod> = ReturnType<HandlersFor<M>[M]>;

/**
 * What only the desktop app can do (system pickers, printing its own window), given to the core by Electron's main
 * process (electron/native/dialogs.ts). The dispatcher validates every input first, as for any method; browser mode
 * and the qa command give none, and the methods answer "desktop app only".
 */
export type NativeCapabilities = { [M in NativeMethod]: (input: InputOf<M>) => OutputOf<M> };

const what: Record<NativeMethod, string> = {
  'native.pickPaths': 'The file picker',
  'native.savePath': 'The save dialog',
  'native.printToPdf': 'Printing to PDF',
};

function unavailable(method: NativeMethod): never {
  throw new AppError(
    'unavailable',
    `${what[method]} is available only in the desktop app; type a path instead. ` +
      `(${what[method]}仅在桌面版中可用，请直接输入路径。)`,
  );
}

export function createNativeHandlers(
  _ctx: CoreContext,
  native?: NativeCapabilities,
): HandlersFor<keyof typeof nativeContract> {
  return {
    'native.pickPaths': (input) => (native ? native['native.pickPaths'](input) : unavailable('native.pickPaths')),
    'native.savePath': (input) => (native ? native['native.savePath'](input) : unavailable('native.savePath')),
    'native.printToPdf': (input) => (native ? native['native.printToPdf'](input) : unavailable('native.printToPdf')),
  };
}
