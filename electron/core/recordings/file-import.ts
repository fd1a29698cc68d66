/**
 * One file of an import job, from its bytes to its committed row: hash → de-duplicate → decode and analyse (in a
 * worker) → copy into the library → one savepoint in a group commit. A failure removes the copy, so nothing
 * half-imported stays behind. The job around it (scan, manifests, lanes, progress) is importer.ts.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ImportFailureCode, ImportFailureReason, ImportWarning } from '../../../shared/recording';
import type { AgentsRepository } from './agents-repo';
import type { CommitGroup } from './commit-group';
import { placeDurably } from './durable-file';
import type { IncomingArea } from './incoming';
import type { CallMetadata } from './metadata';
import { WorkerTaskError, type WorkerPool } from './pool';
import type { RecordingsRepository } from './repo';
import type { AnalyseResult, HashResult } from './worker-protocol';

/** The settings that shape a file's analysis, read once per import job. */
export interface AnalysisSettings {
  deadAirSeconds: number;
  voxSampleRate: number;
}

export interface Job {
  flag: Int32Array;
  shared: SharedArrayBuffer;
  /** Sizes of the files in the library and of those this job has taken on. */
  sizes: Set<number>;
}

/** One file of a job, with what its import needs to know. */
export interface FileTask {
  path: string;
  size: number;
  meta: CallMetadata;
  agentChannel: number;
  analysis: AnalysisSettings;
  job: Job;
}

export interface Outcome {
  id: string;
  duplicate: boolean;
  warning?: ImportWarning;
}

export class FileFailure extends Error {
  constructor(
    readonly code: ImportFailureCode,
    message: string,
    readonly reason?: ImportFailureReason,
  ) {
    super(message);
  }
}

const extensionFor: Record<string, string> = { wav: 'wav', mp3: 'mp3', ogg: 'ogg', flac: 'flac', amr: 'amr' };

/**
 * Headerless files keep the extension that identified them (.gsm, .g729, .g722, .vox): the media handler probes the
 * library copy again and needs it.
 */
function libraryExtension(a: AnalyseResult, path: string): string {
  if (a.container === 'raw') return extname(path).slice(1).toLowerCase();
  return extensionFor[a.container] ?? 'bin';
}

export class FileImporter {
  private readonly inFlight = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly repo: RecordingsRepository,
    private readonly agents: AgentsRepository,
    private readonly pool: WorkerPool,
    private readonly commits: CommitGroup,
    private readonly incoming: IncomingArea,
    private readonly libraryDir: string,
  ) {}

  private async worker<T>(request: Parameters<WorkerPool['run']>[0]): Promise<T> {
    try {
      return await this.pool.run<T>(request);
    } catch (error) {
      if (error instanceof WorkerTaskError)
        throw new FileFailure(error.code as ImportFailureCode, error.message, error.reason);
      throw error;
    }
  }

  /**
   * A file of a size nothing in the library or this job has had cannot be a duplicate, so it is hashed from the
   * decoder's own reads and read once. Any other is hashed first, so a duplicate costs no decoding.
   */
  async importFile(task: FileTask): Promise<Outcome> {
    if (!task.job.sizes.has(task.size)) {
      task.job.sizes.add(task.size);
      const a = await this.analyse(task, true);
      return this.claim(a.sha256!, () => this.store(task, a.sha256!, a));
    }
    const { sha256, sizeBytes } = await this.worker<HashResult>({ type: 'hash', path: task.path });
    return this.claim(sha256, async () => this.store({ ...task, size: sizeBytes }, sha256, await this.analyse(task)));
  }

  /** Runs `work` unless the content is already in the library or on its way there (another lane, another job). */
  private async claim(sha256: string, work: () => Promise<Outcome>): Promise<Outcome> {
    const existing = this.repo.findBySha(sha256) ?? (await this.inFlight.get(sha256));
    if (existing) return { id: existing, duplicate: true };
    let settle!: (id: string | undefined) => void;
    this.inFlight.set(sha256, new Promise((resolve) => (settle = resolve)));
    let committedId: string | undefined;
    try {
      const outcome = await work();
      committedId = outcome.id;
      return outcome;
    } finally {
      this.inFlight.delete(sha256);
      settle(committedId);
    }
  }

  private analyse({ path, agentChannel, analysis, job }: FileTask, hash = false): Promise<AnalyseResult> {
    const { deadAirSeconds, voxSampleRate } = analysis;
    const request = { type: 'analyse', path, agentChannel, deadAirSeconds, voxSampleRate, cancel: job.shared } as const;
    return this.worker<AnalyseResult>(hash ? { ...request, hash } : request);
  }

  private async store(task: FileTask, sha256: string, a: AnalyseResult): Promise<Outcome> {
    const { path, size: sizeBytes, meta, agentChannel, job } = task;
    const { deadAirSeconds } = task.analysis;
    const id = randomUUID();
    const libraryPath = `${sha256.slice(0, 2)}/${sha256}.${libraryExtension(a, path)}`;
    const finalPath = join(this.libraryDir, ...libraryPath.split('/'));
    const partPath = this.incoming.partPath(id);
    let placed = false;
    try {
      this.incoming.notePlacing(libraryPath);
      await placeDurably(path, partPath, finalPath, (size) => {
        if (size !== sizeBytes)
          throw new FileFailure('unreadable', 'The file changed while it was being imported; import it again.');
        if (Atomics.load(job.flag, 0)) throw new FileFailure('cancelled', 'Import cancelled.');
      });
      placed = true;
      const agentNo = meta.agentNo?.trim() || null;
      await this.commits.add(() =>
        this.repo.insert(
          {
            id,
            sha256,
            fileName: basename(path),
            libraryPath,
            sizeBytes,
            format: a.container,
            codec: a.codec,
            sampleRate: a.sampleRate,
            channels: a.channels,
            durationMs: a.durationMs,
            callId: meta.callId ?? null,
            agentNo,
            startedAt: meta.startedAt ?? null,
            category: meta.category ?? null,
            callerNumber: meta.callerNumber ?? null,
            agentChannel: a.channels > 1 ? agentChannel : 0,
          },
          {
            samplesPerPeak: a.samplesPerPeak,
            peakCount: a.peakCount,
            channels: a.channels,
            data: Buffer.from(a.peaks),
          },
          // A short call opens with its full peaks: no second copy of them.
          { data: a.overviewFactor > 1 ? Buffer.from(a.overview) : null, factor: a.overviewFactor },
          {
            speech: a.speech,
            talkOver: a.talkOver,
            silences: a.silences,
            deadAirMs: Math.round(deadAirSeconds * 1000),
            talkRatioAgent: a.talkRatioAgent,
            longestMonologueMs: a.longestMonologueMs,
            channelsSame: a.channelsSame,
          },
          () => {
            if (agentNo) this.agents.ensure(agentNo, meta.agentName);
          },
        ),
      );
      const warning: ImportWarning | undefined = a.truncated && { code: 'truncated', ...a.truncated };
      return { id, duplicate: false, warning };
    } catch (error) {
      rmSync(partPath, { force: true });
      // Another job imported the same content between our check and our insert.
      const other = (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && this.repo.findBySha(sha256);
      if (other) return { id: other, duplicate: true };
      // The audio is in the library but its row never committed: no recording refers to that file (unless another
      // process has placed the same content meanwhile: incoming.ts).
      if (placed) this.incoming.removeUncommitted(libraryPath, () => this.repo.findBySha(sha256) !== undefined);
      if (error instanceof FileFailure) throw error;
      if ((error as NodeJS.ErrnoException).syscall)
        throw new FileFailure(
          'unreadable',
          `Cannot copy the file into the library (${(error as NodeJS.ErrnoException).code}).`,
        );
      throw error;
    } finally {
      this.incoming.settled(libraryPath);
    }
  }
}
