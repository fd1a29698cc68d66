import { describeStartupProblemBilingual } from '../../shared/startup';
import { StartupError } from '../core/errors';

/** The words of the crash dialog, in both languages at once: a crash may happen before settings are readable. */
export function crashMessage(error: unknown, logFile: string): { title: string; message: string; detail: string } {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    title: '质检工作台 · QA Inspector',
    message: '发生意外错误 / An unexpected error occurred',
    detail:
      `${reason.slice(0, 500)}\n\n` +
      `详细信息已写入日志 / Details were written to:\n${logFile}\n\n` +
      '已保存的工作不会丢失。/ Saved work is not lost.',
  };
}

/**
 * The words for a refused start (a damaged or missing database…): the problem's own text in both languages, which
 * names the file and what to do, rather than "an unexpected error".
 */
export function startupFailureMessage(
  error: unknown,
  logFile: string,
): { title: string; message: string; detail: string } {
  if (!(error instanceof StartupError)) return crashMessage(error, logFile);
  return {
    title: '质检工作台 · QA Inspector',
    message: '程序无法启动 / The app cannot start',
    detail: `${describeStartupProblemBilingual(error.problem)}\n\n日志 / Log: ${logFile}`,
  };
}
