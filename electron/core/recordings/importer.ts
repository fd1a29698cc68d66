import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ImportFailureCode, ImportFailureReason, ImportResult } from '../../../shared/recording';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import type { AgentsRepository } from './agents-repo';
import { CommitGroup } from './commit-group';
import { keepStatistics } from '../db/open';
import { FileFailure, FileImporter, type AnalysisSettings, type Job } from './file-import';
import { IncomingArea } from './incoming';
import { ManifestError, readManifest, type ManifestRow } from './manifest';
import { compileFileNamePattern, metadataFromFileName, type CallMetadata, type FileNamePattern } from './metadata';
import type { WorkerPool } from './pool';
import type { RecordingsRepository } from './repo';
import { looksLikeAudio, scanPaths } from './scan';

export interface ImportRequest {
  paths: string[];
  manifest?: string;
  agentChannel: 0 | 1;
  jobId?: string;
}

/** Imports of at least this many files refresh the query planner's statistics (the library grew a lot). */
const largeImport = 500;

/** Library paths are <2 hex>/<sha256>.<ext>. */
const shaOf = (libraryPath: string) =>
  libraryPath
    .split('/')
    .pop()!
    .replace(/\.[a-z0-9]+$/, '');

/** The library folder; relative library paths in the database are '/'-separated under it. */
export const libraryDirOf = (dataDir: string) => join(dataDir, 'library');

/**
 * Files in progress per worker. While a file waits for its group commit (commit-group.ts), the next ones are
 * already being hashed and analysed, so the workers never wait for the disk.
 */
const lanesPerWorker = 4;

/**
 * One import job: scan, read manifests, then each file through file-import.ts, a few at a time per worker. Every
 * file ends up imported, duplicate or failed with a reason.
 */
export class Importer {
  private readonly jobs = new Map<string, Job>();
  readonly libraryDir: string;
  private readonly incoming: IncomingArea;
  private readonly files: FileImporter;

  constructor(
    private readonly ctx: CoreContext,
    private readonly repo: RecordingsRepository,
    agents: AgentsRepository,
    private readonly pool: WorkerPool,
  ) {
    this.libraryDir = libraryDirOf(ctx.dataDir);
    this.incoming = new IncomingArea(this.libraryDir);
    this.files = new FileImporter(repo, agents, pool, new CommitGroup(ctx.db), this.incoming, this.libraryDir);
    // What importers that were killed left: copies never committed, and audio whose row never was.
    this.incoming.sweep((libraryPath) => this.repo.findBySha(shaOf(libraryPath)) !== undefined);
  }

  /** At close: this core's copies in progress go, with its folder and lock. */
  release(): void {
    this.incoming.release();
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    Atomics.store(job.flag, 0, 1);
    return true;
  }

  async run(request: ImportRequest): Promise<ImportResult> {
    const jobId = request.jobId ?? randomUUID();
    if (this.jobs.has(jobId)) throw new AppError('conflict', `Import ${jobId} is already running.`);
    const settings = this.ctx.settings.get();
    let pattern: FileNamePattern;
    try {
      pattern = compileFileNamePattern(settings.fileNamePattern);
    } catch (error) {
      throw new AppError('invalid_input', `Settings: ${(error as Error).message}`);
    }
    const shared = new SharedArrayBuffer(4);
    const job: Job = { shared, flag: new Int32Array(shared), sizes: this.repo.sizes() };
    this.jobs.set(jobId, job);
    const started = performance.now();
    const result: ImportResult = {
      jobId,
      imported: [],
      duplicates: [],
      failed: [],
      skipped: [],
      sameCallId: [],
      cancelled: false,
      elapsedMs: 0,
    };
    try {
      const analysis = { deadAirSeconds: settings.deadAirSeconds, voxSampleRate: settings.voxSampleRate };
      await this.execute(jobId, job, request, pattern, analysis, result, started);
    } finally {
      this.jobs.delete(jobId);
    }
    result.cancelled = Atomics.load(job.flag, 0) !== 0;
    result.elapsedMs = Math.round(performance.now() - started);
    if (result.imported.length) this.ctx.events.emit('recordings.changed', { imported: result.imported.length });
    if (result.imported.length >= largeImport) keepStatistics(this.ctx.db);
    return result;
  }

  private async execute(
    jobId: string,
    job: Job,
    request: ImportRequest,
    pattern: FileNamePattern,
    analysis: AnalysisSettings,
    result: ImportResult,
    started: number,
  ): Promise<void> {
    const fail = (path: string, code: ImportFailureCode, error: string, reason?: ImportFailureReason) =>
      result.failed.push(reason ? { path, error, code, reason } : { path, error, code });
    const scan = await scanPaths(request.paths);
    scan.unreadable.forEach((u) => fail(u.path, 'unreadable', u.error));
    result.skipped.push(...scan.skipped);
    /** A manifest or a file it names that is a pipe or a device: reading it could block the core for good. */
    const special = (path: string) => {
      if (!existsSync(path) || statSync(path).isFile()) return false;
      result.skipped.push({ path, code: 'special_file' });
      return true;
    };

    const rows = new Map<string, ManifestRow>();
    const files = new Map(scan.files.map((f) => [f.path, f.size]));
    const inFolder = new Set(scan.files.filter((f) => f.inFolder).map((f) => f.path));
    const useManifest = (path: string, explicit: boolean) => {
      if (special(path)) return;
      let manifestRows: ManifestRow[];
      try {
        manifestRows = readManifest(path);
      } catch (error) {
        if (!(error instanceof ManifestError)) throw error;
        // A CSV met while scanning that is not a manifest is a spreadsheet beside the recordings, not a failure.
        if (explicit) fail(path, 'bad_manifest_row', error.message);
        else result.skipped.push({ path, code: 'not_audio' });
        return;
      }
      for (const row of manifestRows) {
        if (special(row.file)) {
          files.delete(row.file);
          continue;
        }
        if (!existsSync(row.file)) {
          fail(row.file, 'missing_file', `Manifest line ${row.line} names a file that does not exist: ${row.file}`);
          files.delete(row.file);
          continue;
        }
        rows.set(row.file, row);
        if (explicit && !files.has(row.file)) files.set(row.file, statSync(row.file).size);
      }
    };
    if (request.manifest) useManifest(request.manifest, true);
    for (const csv of scan.csvFiles) if (csv !== request.manifest) useManifest(csv, false);

    const queue = [...files.entries()];
    const total = queue.length;
    const totalBytes = queue.reduce((sum, [, size]) => sum + size, 0) || 1;
    let done = 0;
    let doneBytes = 0;
    const progress = (current?: string) => {
      const elapsedMs = Math.round(performance.now() - started);
      const etaMs = doneBytes > 0 ? Math.round((elapsedMs * (totalBytes - doneBytes)) / doneBytes) : undefined;
      this.ctx.events.emit('job.progress', {
        jobId,
        kind: 'recordings.import',
        done,
        total,
        current,
        elapsedMs,
        etaMs,
      });
    };
    progress();

    const lane = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [path, size] = next;
        if (Atomics.load(job.flag, 0)) {
          fail(path, 'cancelled', 'Not imported: the import was cancelled.');
          continue;
        }
        progress(basename(path));
        try {
          const row = rows.get(path);
          if (row?.error) throw new FileFailure('bad_manifest_row', row.error);
          const meta: CallMetadata = row ? row.meta : metadataFromFileName(basename(path), pattern);
          // A manifest's sample rate is for this file only (headerless VOX).
          const fileAnalysis = row?.sampleRate ? { ...analysis, voxSampleRate: row.sampleRate } : analysis;
          const task = { path, size, meta, agentChannel: request.agentChannel, analysis: fileAnalysis, job };
          const outcome = await this.files.importFile(task);
          if (outcome.duplicate) result.duplicates.push({ path, id: outcome.id });
          else result.imported.push({ path, id: outcome.id, ...(outcome.warning && { warning: outcome.warning }) });
        } catch (error) {
          // A document or picture beside the recordings in a folder is passed over, not counted as a failed import;
          // a file named like audio (or picked by name) that is not audio is still a failure.
          if (error instanceof FileFailure && error.code === 'not_audio' && inFolder.has(path) && !looksLikeAudio(path))
            result.skipped.push({ path, code: 'not_audio' });
          else if (error instanceof FileFailure) fail(path, error.code, error.message, error.reason);
          else {
            this.ctx.logger.error(`import of ${path} failed`, error);
            fail(path, 'internal', `Import failed unexpectedly: ${(error as Error).message}`);
          }
        }
        done += 1;
        doneBytes += size;
        progress(basename(path));
      }
    };
    const lanes = Math.min(this.pool.size * lanesPerWorker, Math.max(1, total));
    await Promise.all(Array.from({ length: lanes }, lane));
    result.sameCallId = this.sharedCallIds(result.imported.map((i) => i.id));
  }

  /** Call ids of these recordings that more than one recording in the library carries, with their file names. */
  private sharedCallIds(ids: string[]): ImportResult['sameCallId'] {
    if (ids.length === 0) return [];
    const callIds = new Set<string>();
    for (const id of ids) {
      const callId = this.repo.get(id)?.callId;
      if (callId) callIds.add(callId);
    }
    const out: ImportResult['sameCallId'] = [];
    for (const callId of callIds) {
      const files = this.repo.fileNamesWithCallId(callId);
      if (files.length > 1) out.push({ callId, files });
    }
    return out;
  }
}
