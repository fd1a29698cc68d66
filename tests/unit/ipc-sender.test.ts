import { describe, expect, it } from 'vitest';
import { checkIpcSender, parseInvoke, type IpcSender } from '../../electron/security/ipc';
import { isOwnPage } from '../../electron/security/origin';
import { isPermissionAllowed } from '../../electron/security/permissions';

const trusted: IpcSender = {
  frameUrl: 'app://qa/library',
  isMainFrame: true,
  webContentsId: 7,
  trustedWebContentsIds: new Set([7]),
};

describe('IPC sender check', () => {
  it('accepts the main frame of the app window showing our page', () => {
    expect(checkIpcSender(trusted)).toEqual({ ok: true });
    expect(parseInvoke(trusted, 'app.info', {})).toEqual({ ok: true, method: 'app.info', input: {} });
  });

  it.each([
    ['a remote page', { frameUrl: 'https://evil.example/' }],
    ['a look-alike host', { frameUrl: 'app://qa.evil/' }],
    ['credentials in the URL', { frameUrl: 'app://user:pw@qa/' }],
    ['a file: page', { frameUrl: 'file:///C:/Users/x/Downloads/page.html' }],
    ['the media scheme', { frameUrl: 'qa-media://recording/abc' }],
    ['a data: URL', { frameUrl: 'data:text/html,<script>1</script>' }],
    ['devtools', { frameUrl: 'devtools://devtools/bundled/inspector.html' }],
    ['a frame that is gone', { frameUrl: null }],
    ['garbage', { frameUrl: 'not a url' }],
    ['an iframe of our own page', { isMainFrame: false }],
    ['another window', { webContentsId: 8 }],
    ['no window yet', { trustedWebContentsIds: new Set<number>() }],
  ])('refuses %s', (_label, change) => {
    const sender = { ...trusted, ...change };
    expect(checkIpcSender(sender).ok).toBe(false);
    const parsed = parseInvoke(sender, 'app.info', {});
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'IPC from an unexpected page was refused.' },
    });
  });

  it('refuses a method name that is not a short string', () => {
    for (const method of [42, null, { toString: () => 'app.info' }, 'x'.repeat(101)]) {
      const parsed = parseInvoke(trusted, method, {});
      expect(!parsed.ok && parsed.result.ok === false && parsed.result.error.code).toBe('invalid_input');
    }
  });

  it('checks the sender before the method name', () => {
    const parsed = parseInvoke({ ...trusted, frameUrl: 'https://evil.example/' }, 42, {});
    expect(!parsed.ok && parsed.result.ok === false && parsed.result.error.code).toBe('forbidden');
  });
});

describe('own page', () => {
  it('is app://qa only', () => {
    expect(isOwnPage('app://qa/')).toBe(true);
    expect(isOwnPage('app://qa/reports?month=2026-03#x')).toBe(true);
    expect(isOwnPage('app://other/')).toBe(false);
    expect(isOwnPage('http://qa/')).toBe(false);
    expect(isOwnPage(undefined)).toBe(false);
  });
});

describe('permissions', () => {
  it('denies everything by default', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'openExternal', 'fullscreen', 'hid']) {
      expect(isPermissionAllowed(permission, 'app://qa/')).toBe(false);
    }
  });

  it('allows writing text to the clipboard to our own page only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://qa/library')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('clipboard-read', 'app://qa/')).toBe(false);
  });
});
