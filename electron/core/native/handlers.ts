import type { nativeContract, NativeMethod } from '../../../shared/contracts/native';
import type { CoreContext, HandlersFor } from '../context';
import { AppError } from '../errors';

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

/**
 * Browser mode and the `qa` command have no native dialogs. Electron's main process answers these methods itself
 * before anything reaches the core, so inside the desktop app these handlers never run.
 */
export function createNativeHandlers(_ctx: CoreContext): HandlersFor<keyof typeof nativeContract> {
  return {
    'native.pickPaths': () => unavailable('native.pickPaths'),
    'native.savePath': () => unavailable('native.savePath'),
    'native.printToPdf': () => unavailable('native.printToPdf'),
  };
}
