/**
 * The checks every IPC message passes before it reaches the core, as pure functions (native/ipc.ts feeds them from
 * Electron's event), so they are tested without Electron.
 */
import type { ApiResult } from '../../shared/errors';
import { isOwnPage } from './origin';

export interface IpcSender {
  /** URL of the frame that sent the message (event.senderFrame.url); null when the frame is gone. */
  frameUrl: string | null | undefined;
  /** Whether that frame is the top frame of its page: iframes never talk to the core. */
  isMainFrame: boolean;
  /** webContents id of the sender and of the app's window: a second, stray window is refused too. */
  webContentsId: number;
  trustedWebContentsIds: ReadonlySet<number>;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function checkIpcSender(sender: IpcSender): SenderVerdict {
  if (!sender.trustedWebContentsIds.has(sender.webContentsId)) return { ok: false, reason: 'unknown window' };
  if (!sender.isMainFrame) return { ok: false, reason: 'sub-frame' };
  if (!isOwnPage(sender.frameUrl)) return { ok: false, reason: `foreign page ${String(sender.frameUrl)}` };
  return { ok: true };
}

export type ParsedInvoke = { ok: true; method: string; input: unknown } | { ok: false; result: ApiResult<never> };

/** The shape of `invoke(method, input)` as it arrives; the contract's zod schemas check the input afterwards. */
export function parseInvoke(sender: IpcSender, method: unknown, input: unknown): ParsedInvoke {
  const verdict = checkIpcSender(sender);
  if (!verdict.ok) {
    return {
      ok: false,
      result: { ok: false, error: { code: 'forbidden', message: 'IPC from an unexpected page was refused.' } },
    };
  }
  if (typeof method !== 'string' || method.length > 100) {
    return {
      ok: false,
      result: { ok: false, error: { code: 'invalid_input', message: 'Method name must be a short string.' } },
    };
  }
  return { ok: true, method, input };
}
