import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../support/browser-mode';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-token-');
afterAll(() => temp.cleanup());

// QA_TOKEN is all that stands between the core and any local program: a guessable one must not start quietly.
describe('browser mode with a fixed QA_TOKEN', () => {
  it.each([
    ['short', 'secret'],
    ['repetitive', 'a'.repeat(64)],
    ['a short alphabet', 'abcd'.repeat(16)],
    ['outside base64url', `${randomBytes(32).toString('base64url')}!`],
    ['a word repeated', 'password'.repeat(4)],
  ])('refuses a token that is %s, saying what a good one looks like', async (_what, token) => {
    const start = startBrowserMode(join(temp.dir, 'weak'), { QA_TOKEN: token });
    await expect(start).rejects.toThrow(/exited with 1/);
    const output = await start.catch((error: Error) => error.message);
    expect(output).toContain('The token in QA_TOKEN is too weak.');
    expect(output).toContain('QA_TOKEN 指定的令牌太弱');
    expect(output).toContain('at least 32 random characters');
  });

  it('starts with a random base64url token of 32 bytes and hands it to the page', async () => {
    const token = randomBytes(32).toString('base64url');
    const app = await startBrowserMode(join(temp.dir, 'strong'), { QA_TOKEN: token });
    try {
      expect(new URL(app.loginUrl).searchParams.get('token')).toBe(token);
    } finally {
      await app.stop();
    }
  });
});
