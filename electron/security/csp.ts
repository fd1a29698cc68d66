/**
 * One policy for Electron and browser mode: nothing remote, no inline script, no eval. antd injects styles at
 * run time, hence 'unsafe-inline' for styles only. Media and images may be blob: for the waveform.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: qa-media:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
