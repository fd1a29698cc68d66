import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './cli';

export interface BrowserModeProcess {
  loginUrl: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `electron/host.ts` as its own process (as `npm run web` does), on a free port, with a fixed data folder. */
export async function startBrowserMode(dataDir: string, env: Record<string, string> = {}): Promise<BrowserModeProcess> {
  // node with tsx as a loader, not the tsx wrapper (which forks): a SIGKILL must reach the app itself, or a test of
  // a crash would kill only the wrapper and leave the real host running on the same database.
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'electron', 'host.ts')], {
    env: { ...process.env, QA_DATA_DIR: dataDir, QA_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const loginUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
  return {
    loginUrl,
    url: loginUrl.replace(/\?token=.*$/, ''),
    child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Collects console errors and uncaught page errors so a test can assert the page ran clean. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  // The console says only "404": the address says which request failed.
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`response: ${response.status()} ${new URL(response.url()).pathname}`);
  });
  return errors;
}

/** An API method called through the page's own session, with its bearer token, as renderer/api.ts calls it. */
export async function pageApi(
  page: Page,
  method: string,
  input: unknown,
): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ([m, i]) => {
      const token = sessionStorage.getItem('qa.browserToken');
      const response = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(i),
      });
      return (await response.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
    },
    [method, input] as const,
  );
}
