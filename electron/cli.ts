/**
 * `npm run qa -- <method> '<json input>'`: the same dispatcher for scripts and batch work. The result goes to stdout
 * as JSON; errors go to stderr as {code, message} with exit code 1; progress of long jobs goes to stderr.
 */
import { join } from 'node:path';
import { methodNames } from '../shared/api';
import type { ApiError } from '../shared/errors';
import { describeStartupProblem, type StartupLanguage } from '../shared/startup';
import { createCore } from './core/core';
import { AppError, StartupError } from './core/errors';
import { defaultDataDir } from './core/paths';
import { createChromiumPdfPrinter } from './web/pdf-printer';

/** Scripts branch on `code` (and `reason` for a refused start); the message follows the terminal's language. */
const language: StartupLanguage = /^zh/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'zh-CN' : 'en';

function fail(error: ApiError & { reason?: string }): never {
  process.stderr.write(`${JSON.stringify(error)}\n`);
  process.exit(1);
}

async function main(argv: string[]): Promise<void> {
  const [method, rawInput] = argv;
  if (!method || method === '--help' || method === '-h') {
    process.stdout.write(`usage: npm run qa -- <method> '<json input>'\nmethods:\n  ${methodNames.join('\n  ')}\n`);
    return;
  }
  let input: unknown = {};
  if (rawInput !== undefined && rawInput.trim() !== '') {
    try {
      input = JSON.parse(rawInput);
    } catch {
      fail({ code: 'invalid_input', message: `The input for ${method} is not valid JSON: ${rawInput}` });
    }
  }
  let core;
  try {
    // Both the source (electron/cli.ts) and the bundle (dist-electron/cli.js) sit one folder below the repository.
    const root = join(import.meta.dirname, '..');
    const rendererDir = process.env.QA_RENDERER_DIR || join(root, 'dist', 'renderer');
    core = createCore({
      dataDir: defaultDataDir(),
      transport: 'cli',
      pdfPrinter: createChromiumPdfPrinter({ rendererDir }),
      migrationsDir: join(root, 'electron', 'core', 'db', 'migrations'),
      scorecardsDir: join(root, 'resources', 'scorecards'),
    });
  } catch (error) {
    if (error instanceof StartupError) {
      fail({ code: error.code, reason: error.problem.code, message: describeStartupProblem(error.problem, language) });
    }
    fail({
      code: error instanceof AppError ? error.code : 'internal',
      message: error instanceof Error ? error.message : String(error),
    });
  }
  core.events.subscribe((event, payload) => {
    process.stderr.write(`${JSON.stringify({ event, ...payload })}\n`);
  });
  const result = await core.dispatch(method, input);
  core.close();
  if (!result.ok) fail(result.error);
  process.stdout.write(`${JSON.stringify(result.data, null, 2)}\n`);
}

void main(process.argv.slice(2));
