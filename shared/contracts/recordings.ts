import { z } from 'zod';
import {
  importInputSchema,
  overviewPeaks,
  recordingListInputSchema,
  recordingsAssignInputSchema,
  recordingUpdateInputSchema,
  type RecordingChange,
  type RecordingCorrection,
  type ImportResult,
  type RecordingAnalysis,
  type RecordingDetail,
  type RecordingFacets,
  type RecordingList,
  type RecordingPeaks,
} from '../recording';
import { method } from './define';

const idInput = z.object({ id: z.string().min(1).max(64) }).strict();

export const recordingsContract = {
  'recordings.import': method<ImportResult>()(
    importInputSchema,
    'Import audio files or folders (recursively), with an optional CSV manifest; waits until done. ' +
      'Progress arrives as job.progress events.',
  ),
  'recordings.cancelImport': method<{ cancelled: boolean }>()(
    z.object({ jobId: z.string().uuid() }).strict(),
    'Cancel a running import; files already imported stay, the file in progress is rolled back.',
  ),
  'recordings.loadSample': method<ImportResult>()(
    z.object({ jobId: z.string().uuid().optional() }).strict(),
    'Import the bundled sample calls and their agent roster.',
  ),
  'recordings.list': method<RecordingList>()(
    recordingListInputSchema,
    'Recordings with filters, sorting and paging; caller numbers are masked.',
  ),
  'recordings.facets': method<RecordingFacets>()(
    z.object({}).strict(),
    'Agents, teams and categories for the library filters.',
  ),
  'recordings.get': method<RecordingDetail>()(
    idInput.extend({ maxPeaks: z.number().int().min(100).max(2_000_000).default(overviewPeaks) }),
    'One recording with its waveform peaks (downsampled to at most maxPeaks pairs per channel).',
  ),
  'recordings.peaks': method<RecordingPeaks>()(
    idInput.extend({
      startMs: z.number().nonnegative().default(0),
      endMs: z.number().positive().optional(),
      maxPeaks: z.number().int().min(100).max(2_000_000).default(20_000),
    }),
    'Waveform peaks for part of a recording, for zooming in.',
  ),
  'recordings.analysis': method<RecordingAnalysis>()(
    idInput,
    'Talk-over (抢话), dead air and talk ratio of a recording.',
  ),
  'recordings.update': method<RecordingCorrection>()(
    recordingUpdateInputSchema,
    "Correct a recording's agent, call time, call id or category (null clears one); every change is kept in its " +
      'history. A submitted evaluation keeps the details it was scored with (re-score to carry the correction).',
  ),
  'recordings.assign': method<RecordingCorrection>()(
    recordingsAssignInputSchema,
    'Give up to 1000 recordings the same agent and/or category, kept in each one’s history as one batch.',
  ),
  'recordings.history': method<RecordingChange[]>()(idInput, "A recording's corrections, oldest first."),
};
