import { inspectorListSchema } from '../../../shared/calibration';
import type { calibrationContract } from '../../../shared/contracts/calibration';
import type { ApiResult } from '../../../shared/errors';
import { graderReportSchema } from '../../../shared/grader-math';
import type { CoreContext, HandlersFor } from '../context';
import { AnnexDetailsReader } from '../reports/annex-details';
import { ReportsRepository } from '../reports/repo';
import { ReportsService } from '../reports/service';
import type { PdfPrinter } from '../reports/export/pdf-printer';
import type { SyncEngine } from '../sync/engine';
import { exportResults } from './export';
import { gradersFor, LocalGraders } from './graders';
import { CalibrationRepository } from './repo';
import { CalibrationService } from './service';
import { WorkRepository } from './work';

export interface CalibrationOptions {
  /** The sync engine (late-bound: made after this domain), for reads from head office. */
  engine: () => SyncEngine | null;
  /** The core's own dispatcher (late-bound): the PDF print page calls the API through it. */
  dispatch: () => (method: string, input: unknown) => Promise<ApiResult<unknown>>;
  /** Prints the results' print route to PDF where the transport can (see reports' export). */
  pdfPrinter?: PdfPrinter;
}

export function createCalibrationHandlers(
  ctx: CoreContext,
  options: CalibrationOptions,
): HandlersFor<keyof typeof calibrationContract> {
  const repo = new CalibrationRepository(ctx.db);
  const service = new CalibrationService(ctx, repo);
  const work = new WorkRepository(ctx.db);
  const identity = () => ctx.identity.get();
  // Only resolveScope is used: the graders take the same scopes as every report.
  const reports = new ReportsService(
    new ReportsRepository(ctx.db, (key) => ctx.reports.cardByKey(key)),
    identity,
    new AnnexDetailsReader(ctx.db, identity),
  );
  const graders = new LocalGraders(ctx.db, identity, service);

  return {
    'calibration.create': (input) => service.create(input),
    'calibration.list': () => service.list(),
    'calibration.get': ({ id }) => service.get(id),
    'calibration.results': ({ id }) => service.results(id),
    'calibration.close': ({ id }) => service.close(id),
    'calibration.resend': ({ id }) => service.resend(id),
    'calibration.inspectors': async () => {
      const engine = options.engine();
      if (engine && ctx.identity.get()?.role !== 'inspector') {
        try {
          const { inspectors } = await engine.fetch('/v1/calibration/inspectors', inspectorListSchema);
          for (const i of inspectors) service.names.set(i.id, i.name);
          return { inspectors, source: 'head_office' as const };
        } catch {
          // offline or not set up: the inspectors this app has seen
        }
      }
      const names = service.knownNames();
      const inspectors = [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
      return { inspectors, source: 'local' as const };
    },
    'calibration.export': (input) =>
      exportResults(
        { ctx, pdfPrinter: options.pdfPrinter, dispatch: (m, i) => options.dispatch()(m, i) },
        service.results(input.id),
        input,
      ),
    'reports.graders': (input) => {
      const me = identity();
      const engine = options.engine();
      return gradersFor(
        input,
        () => graders.report(input, reports.resolveScope(input)),
        engine && me ? (query) => engine.fetch(`/v1/reports/graders?${query}`, graderReportSchema) : null,
        me?.role ?? null,
      );
    },
    'evaluations.recordWork': ({ recordingId, calibrationId, activeMs, played }) =>
      work.record(recordingId, calibrationId ?? null, activeMs, played),
  };
}
