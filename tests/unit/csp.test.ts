import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/security/csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('content security policy (Electron and browser mode)', () => {
  const csp = directives(contentSecurityPolicy);

  it('loads scripts only from the app itself: no inline script, no eval, nothing remote', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|strict-dynamic|\*|https?:/);
  });

  it('allows unsafe-inline for styles only (antd injects them at run time)', () => {
    for (const [name, values] of csp) {
      if (values.includes("'unsafe-inline'")) expect(name).toBe('style-src');
    }
  });

  it('connects only to the app and plays media only from the app, blobs and qa-media:', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'qa-media:']);
  });

  it('forbids plugins, framing, base-URI and form tricks', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });
});
