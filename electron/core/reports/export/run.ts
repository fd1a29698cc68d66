import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ReportsExportInput } from '../../../../shared/contracts/reports';
import type { ApiResult } from '../../../../shared/errors';
import { reportFileName, resolvePeriod, type ExportResult } from '../../../../shared/report';
import { callbackAnnexAll } from '../../callbacks/report';
import { CallbackRepository } from '../../callbacks/repo';
import type { CoreContext } from '../../context';
import { AppError } from '../../errors';
import { monthlyReport, type MonthlyDeps } from '../monthly';
import type { ReportsService } from '../service';
import { writeCsv } from './csv';
import type { PdfPrinter } from './pdf-printer';
import { comparisonTable, monthlyTables, siteRankingTable, type Table } from './tables';
import { writeXlsx } from './xlsx';

export interface ExportDeps {
  ctx: CoreContext;
  service: ReportsService;
  monthlyDeps: () => MonthlyDeps;
  /** How this transport prints the print route to PDF; none where PDF export is done elsewhere (the desktop app). */
  pdfPrinter?: PdfPrinter;
  dispatch: (method: string, input: unknown) => Promise<ApiResult<unknown>>;
}

/**
 * A folder gets the standard name inside it; a file must carry the format's extension and go into a folder that
 * exists: a mistyped path is refused, not created (/nonexistent/dir/x.csv was written).
 */
export function targetPath(out: string, standardName: string, format: string): string {
  const full = resolve(out);
  if (existsSync(full) && statSync(full).isDirectory()) return join(full, standardName);
  if (extname(full).toLowerCase() !== `.${format}`) {
    throw new AppError('invalid_input', `"out" must end in .${format} or name an existing folder.`);
  }
  if (!existsSync(dirname(full)) || !statSync(dirname(full)).isDirectory())
    throw new AppError('invalid_input', `The folder ${dirname(full)} does not exist.`);
  return full;
}

/** Where a download is written before its bytes go to the page (private to the data folder, removed at once). */
export const downloadsDir = (dataDir: string) => join(dataDir, 'exports', '.downloads');

/** reports.export: xlsx, CSV or PDF of a report, written to a temporary name and renamed, with progress events. */
export async function runExport(deps: ExportDeps, input: ReportsExportInput): Promise<ExportResult> {
  const { ctx, service } = deps;
  const started = Date.now();
  const jobId = input.jobId ?? randomUUID();
  const kind = 'reports.export';
  const period = resolvePeriod(input.from, input.to);
  const team = input.team ?? null;
  const teamName = service.repo.teamName(team);
  if (team !== null && teamName === null) throw new AppError('not_found', `Team ${team} does not exist.`);
  const scope = { scope: input.scope, team: input.team, site: input.site, scoreMode: input.scoreMode };
  const filter = service.resolveScope(scope);
  const fileName = reportFileName(
    input.report,
    { scope: input.scope, teamName, site: input.site },
    period,
    input.format,
    input.scoreMode,
  );
  const path = input.out
    ? targetPath(input.out, fileName, input.format)
    : join(downloadsDir(ctx.dataDir), `${jobId}-${fileName}`);
  if (!input.out) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = join(dirname(path), `.${basename(path)}.${jobId}.part`);

  let total = 1;
  let done = 0;
  const progress = (current?: string) =>
    ctx.events.emit('job.progress', { jobId, kind, done, total, current, elapsedMs: Date.now() - started });
  const onRows = (n: number) => {
    done = Math.min(total, done + n);
    progress();
  };

  try {
    let rows = 0;
    if (input.format === 'pdf') {
      progress('pdf');
      const hash = `#/reports/print?${new URLSearchParams({
        report: input.report,
        from: input.from,
        to: input.to,
        ...(team ? { team } : {}),
        ...(input.site ? { site: input.site } : {}),
        ...(input.scope ? { scope: input.scope } : {}),
        ...(input.scoreMode ? { scoreMode: input.scoreMode } : {}),
      }).toString()}`;
      if (!deps.pdfPrinter) {
        throw new AppError('unavailable', 'PDF export is not available here: print the report from its window.');
      }
      await deps.pdfPrinter.print({ hash, out: temp, landscape: true, dispatch: deps.dispatch });
      done = total;
    } else {
      const deps2 = deps.monthlyDeps();
      const periodInput = { from: input.from, to: input.to, ...scope };
      let tables: Table[];
      if (input.report === 'agentComparison') {
        tables = [comparisonTable(service.agentComparison(periodInput))];
      } else if (input.report === 'siteRanking') {
        tables = [siteRankingTable(service.siteRanking(periodInput))];
      } else {
        const report = monthlyReport(service, periodInput, deps2);
        const month = resolvePeriod(report.month, report.month);
        total = Math.max(1, report.annexCount + 8);
        const callbacks = new CallbackRepository(ctx.db);
        total += report.callbacks.annexCount;
        tables = monthlyTables(
          report,
          () => service.annexAll(month, filter),
          () => callbackAnnexAll(callbacks, report.month, filter),
        );
      }
      progress(fileName);
      rows =
        input.format === 'xlsx'
          ? await writeXlsx(temp, tables, deps2.thresholds.belowScore, onRows)
          : await writeCsv(temp, tables, onRows);
    }
    renameSync(temp, path);
    done = total;
    progress(fileName);
    const bytes = statSync(path).size;
    ctx.events.emit('job.finished', {
      jobId,
      kind,
      outcome: 'done',
      elapsedMs: Date.now() - started,
      summary: `已导出 ${fileName}`,
    });
    if (input.download) {
      const content = readFileSync(path).toString('base64');
      rmSync(path, { force: true });
      return { path: '', fileName, bytes, format: input.format, rows, content };
    }
    return { path, fileName: basename(path), bytes, format: input.format, rows };
  } catch (error) {
    rmSync(temp, { force: true });
    ctx.events.emit('job.finished', { jobId, kind, outcome: 'failed', elapsedMs: Date.now() - started });
    throw error;
  }
}
