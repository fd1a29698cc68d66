/** Where the app's own page lives. Pure (no Electron import) so the checks built on it are unit-tested. */
export const appScheme = 'app';
export const appHost = 'qa';
export const appOrigin = `${appScheme}://${appHost}`;

/** True only for URLs of our own bundled page; IPC, navigation and permissions hinge on this. */
export function isOwnPage(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
