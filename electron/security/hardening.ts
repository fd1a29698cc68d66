/**
 * Electron's security checklist in one place: privileged schemes, locked-down web contents, permissions, CSP and
 * no remote content. The decisions themselves (which page is ours, which permission is allowed) are pure functions
 * in origin.ts and permissions.ts, tested without Electron.
 */
import { app, protocol, session, type Session, type WebContents } from 'electron';
import { mediaScheme } from '../../shared/media-url';
import { contentSecurityPolicy } from './csp';
import { appScheme, isOwnPage } from './origin';
import { isPermissionAllowed } from './permissions';

/** Must run before `app.whenReady()`: Chromium fixes scheme privileges at start-up. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    // stream: lets <audio> seek with Range requests instead of loading an hour-long call into memory.
    { scheme: mediaScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

function lockDown(contents: WebContents): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isOwnPage(url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Nothing opens a new window, not even our own page: there are no pop-ups in this app.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function secureSession(ses: Session): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl ?? contents?.getURL())),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  // No remote content: the app never loads anything from the network into its page (sync runs in the core).
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
  // The app: handler already sends the CSP; this covers any other response that reaches a page.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
}

export function applySecurityPolicy(): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  secureSession(session.defaultSession);
}
