/**
 * Crash safety for the main process: an uncaught error is logged to <dataDir>/logs/ and shown to the user, who
 * chooses to quit or carry on; the app never vanishes silently. Renderer and helper-process crashes are logged
 * and offered a reload. Native crash dumps stay on this computer (nothing is uploaded).
 */
import { app, BrowserWindow, crashReporter, dialog, shell } from 'electron';
import { join } from 'node:path';
import { createFileLogger, type Logger } from '../core/logger';
import { crashMessage, startupFailureMessage } from './crash-text';

export function installCrashHandling(dataDir: string): Logger {
  const logger = createFileLogger(dataDir);
  app.setPath('crashDumps', join(dataDir, 'logs', 'crash-dumps'));
  crashReporter.start({ uploadToServer: false });

  let showing = false;
  const report = (error: unknown) => {
    logger.error('uncaught error in the main process', error);
    // One dialog at a time: an error repeating in a loop must not bury the user in dialogs.
    if (showing) return;
    showing = true;
    const { title, message, detail } = crashMessage(error, logger.file);
    if (!app.isReady()) {
      // Before ready only the synchronous error box exists; nothing can run without start-up, so quit.
      dialog.showErrorBox(title, `${message}\n\n${detail}`);
      app.exit(1);
      return;
    }
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      title,
      message,
      detail,
      buttons: ['继续 / Continue', '打开日志 / Open log', '退出 / Quit'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    showing = false;
    if (choice === 1) void shell.showItemInFolder(logger.file);
    if (choice === 2) app.exit(1);
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);

  app.on('render-process-gone', (_event, contents, details) => {
    logger.error(`page process gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit') return;
    const win = BrowserWindow.fromWebContents(contents);
    const { title, detail } = crashMessage(new Error(`page stopped: ${details.reason}`), logger.file);
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      title,
      message: '页面意外停止 / The page stopped unexpectedly',
      detail,
      buttons: ['重新加载 / Reload', '退出 / Quit'],
      defaultId: 0,
      noLink: true,
    });
    if (choice === 0 && win && !win.isDestroyed()) win.reload();
    else app.exit(1);
  });
  app.on('child-process-gone', (_event, details) => {
    logger.error(`helper process gone: ${details.type} ${details.reason} (exit code ${details.exitCode})`);
  });
  return logger;
}

/** For a fatal start-up failure (e.g. the database cannot be opened): log, explain, exit non-zero. */
export function failStartup(logger: Logger, error: unknown): void {
  logger.error('start-up failed', error);
  const { title, message, detail } = startupFailureMessage(error, logger.file);
  dialog.showErrorBox(title, `${message}\n\n${detail}`);
  app.exit(1);
}
