/**
 * calibration.export: a session's results as xlsx (agreement, inspectors, items with each inspector's value and
 * comment, sections, calls) or as PDF (the results page's print route, printed by Chromium like the reports).
 * Chinese headers, like the reports' exports; written to a temporary name and renamed.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { calibrationFileName } from '../../../shared/calibration';
import type { ValueStats } from '../../../shared/calibration-math';
import type { CalibrationResultsView } from '../../../shared/contracts/calibration';
import type { ApiResult } from '../../../shared/errors';
import type { ExportResult } from '../../../shared/report';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import type { PdfPrinter } from '../reports/export/pdf-printer';
import { downloadsDir, targetPath } from '../reports/export/run';
import type { Cell, Table } from '../reports/export/tables';
import { writeXlsx } from '../reports/export/xlsx';

const readings = {
  reliable: '可靠',
  tentative: '可作初步结论',
  unreliable: '不可靠',
  undefined: '无法计算（评分无差异）',
};
const round = (v: number | null, digits: number) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);
const short = (sha: string) => sha.slice(0, 12);

/** The results as tables, the numbers of the screen (floats rounded as shown). */
export function resultTables(r: CalibrationResultsView): Table[] {
  const names = new Map(r.inspectors.map((i) => [i.inspectorId, i.name || i.inspectorId]));
  const callLabel = (sha: string) => r.calls.find((c) => c.sha256 === sha)?.callId ?? short(sha);
  const inspectorIds = r.inspectors.map((i) => i.inspectorId);
  const t = (name: string, title: string, columns: Table['columns'], rows: Cell[][]): Table => ({
    name,
    title,
    columns,
    rows,
  });
  const c = (header: string, kind: Table['columns'][number]['kind'] = 'number', width = 12) => ({
    header,
    kind,
    width,
  });
  // n, mean, sd, min and max: the same five columns for items, sections and call totals
  const statColumns = () => [c('人数', 'int', 8), c('平均分'), c('标准差'), c('最低'), c('最高')];
  const stats = (v: ValueStats): Cell[] => [v.n, v.mean, round(v.sd, 2), v.min, v.max];
  const alphaRow = (label: string, a: CalibrationResultsView['alpha']['interval']): Cell[] => [
    label,
    round(a.alpha, 3),
    readings[a.reading],
    a.units,
  ];
  return [
    t(
      '一致性',
      `${r.session.name} · 评分一致性（Krippendorff α）`,
      [c('指标', 'text', 28), c('α', 'number'), c('解读', 'text', 20), c('评分项数', 'int')],
      [alphaRow('计分项（区间尺度）', r.alpha.interval), alphaRow('是否项与致命项（名义尺度）', r.alpha.nominal)],
    ),
    t(
      '质检员',
      '质检员校准结果',
      [c('质检员', 'text', 16), c('评分通数', 'int'), c('一致率', 'percent'), c('总分平均偏差')],
      r.inspectors.map((i) => [i.name || i.inspectorId, i.calls, round(i.alignment, 4), i.meanDeviation]),
    ),
    t(
      '评分项',
      '评分项（分歧最大在前）',
      [
        c('通话', 'text', 14),
        c('评分项', 'text', 24),
        c('满分'),
        ...statColumns(),
        c('基准', 'number'),
        ...inspectorIds.flatMap((id) => [c(names.get(id)!, 'number', 12), c(`${names.get(id)} 备注`, 'text', 24)]),
      ],
      r.items.map((item) => [
        callLabel(item.sha256),
        item.itemName,
        item.maxPoints,
        ...stats(item),
        item.target === null ? null : round(item.target, 2),
        ...inspectorIds.flatMap((id) => {
          const rating = item.ratings.find((x) => x.inspectorId === id);
          return [rating?.value ?? null, rating?.comment ?? ''];
        }),
      ]),
    ),
    t(
      '分项',
      '分项（每通通话）',
      [c('通话', 'text', 14), c('分项', 'text', 20), c('满分'), ...statColumns()],
      r.sections.map((s) => [callLabel(s.sha256), s.name, s.points, ...stats(s)]),
    ),
    t(
      '通话',
      '通话总分',
      [c('通话', 'text', 14), c('SHA-256', 'text', 20), ...statColumns(), c('基准')],
      r.calls.map((x) => [x.callId ?? '', short(x.sha256), ...stats(x.total), x.target]),
    ),
  ];
}

export interface CalibrationExportInput {
  id: string;
  format: 'xlsx' | 'pdf';
  /** A path, or none with `download`: the bytes go back to the page (browser mode), as the reports' exports do. */
  out?: string;
  download?: true;
  jobId?: string;
}

export interface CalibrationExportDeps {
  ctx: CoreContext;
  /** How this transport prints the print route; none in the desktop app, which prints its own window. */
  pdfPrinter?: PdfPrinter;
  dispatch: (method: string, input: unknown) => Promise<ApiResult<unknown>>;
}

export async function exportResults(
  deps: CalibrationExportDeps,
  results: CalibrationResultsView,
  input: CalibrationExportInput,
): Promise<ExportResult> {
  const { ctx } = deps;
  const started = Date.now();
  const jobId = input.jobId ?? randomUUID();
  const fileName = calibrationFileName(results.session.name, input.format);
  const path = input.out
    ? targetPath(input.out, fileName, input.format)
    : join(downloadsDir(ctx.dataDir), `${jobId}-${fileName}`);
  if (!input.out) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = join(dirname(path), `.${basename(path)}.${jobId}.part`);
  const progress = (done: number) =>
    ctx.events.emit('job.progress', {
      jobId,
      kind: 'calibration.export',
      done,
      total: 1,
      elapsedMs: Date.now() - started,
    });
  try {
    progress(0);
    let rows = 0;
    if (input.format === 'pdf') {
      if (!deps.pdfPrinter) {
        throw new AppError('unavailable', 'PDF export is not available here: print the results from their window.');
      }
      await deps.pdfPrinter.print({
        hash: `#/calibration/print?id=${encodeURIComponent(input.id)}`,
        out: temp,
        landscape: true,
        dispatch: deps.dispatch,
      });
    } else {
      rows = await writeXlsx(temp, resultTables(results), 0);
    }
    renameSync(temp, path);
    progress(1);
    const bytes = statSync(path).size;
    const format = input.format as ExportResult['format'];
    if (input.download) {
      const content = readFileSync(path).toString('base64');
      rmSync(path, { force: true });
      return { path: '', fileName, bytes, format, rows, content };
    }
    return { path, fileName: basename(path), bytes, format, rows };
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
