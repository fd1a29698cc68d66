/** OS notification when a long import or sync ends while the user is looking at another window. */
import { type BrowserWindow, Notification } from 'electron';
import type { Core } from '../core/core';
import { jobNotice } from './job-notice';

export function notifyFinishedJobs(core: Core, getWindow: () => BrowserWindow | null): () => void {
  return core.events.subscribe((event, payload) => {
    if (event !== 'job.finished' || !Notification.isSupported()) return;
    const win = getWindow();
    if (win && !win.isDestroyed() && win.isFocused()) return;
    const notice = jobNotice(payload as Parameters<typeof jobNotice>[0], core.context.settings.get().language);
    if (!notice) return;
    const notification = new Notification({ title: notice.title, body: notice.body, silent: false });
    notification.on('click', () => {
      if (!win || win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    });
    notification.show();
  });
}
