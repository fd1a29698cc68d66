import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { repoRoot } from '../support/cli';
import { insertRecording } from '../support/recording-rows';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

it('a draft reported as saved survives SIGKILL of the process, exactly as saved', async () => {
  const setup = createCore({ dataDir: temp.dir, transport: 'cli' });
  const recordingId = insertRecording(setup.db);
  setup.close();

  // node with tsx as a loader (the tsx wrapper forks): the SIGKILL must hit the writer itself, mid-save.
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    join(repoRoot, 'tests', 'support', 'draft-writer.ts'),
    temp.dir,
    recordingId,
  ]);
  const lines: string[] = [];
  let buffer = '';
  let errors = '';
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      // Kill while it is busy saving, after a good number of saves.
      if (lines.length >= 40 && !child.killed) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => resolve());
  });
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
  expect(errors).toBe('');
  expect(child.signalCode).toBe('SIGKILL');
  const lastReported = JSON.parse(lines.at(-1) as string) as { comment: string };

  const reopened = createCore({ dataDir: temp.dir, transport: 'cli' });
  const draft = await reopened.call('evaluations.getDraft', { recordingId });
  reopened.close();
  // Output is printed only after a save returned, so the stored draft is the last reported one or a later one.
  const n = Number(lastReported.comment.split(' ')[1]);
  const storedN = Number(draft?.state.comment.split(' ')[1]);
  expect(storedN).toBeGreaterThanOrEqual(n);
  if (storedN === n) expect(draft?.state).toEqual(lastReported);
  expect(draft?.state.itemComments).toEqual({ 'opening-greeting': `第 ${storedN} 次保存` });
});
