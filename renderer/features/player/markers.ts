/**
 * What the player draws over the waveform: talk-over and dead air from the talk analytics, and the inspector's notes.
 * Pure, so the rules (colours, dead-air skipping) are unit-tested without a browser.
 */
import type { Annotation } from '../../../shared/contracts/evaluations';
import type { RecordingAnalysis, TimeSpan } from '../../../shared/recording';

export type MarkerKind = 'talkOverAgent' | 'talkOverCustomer' | 'deadAir' | 'note';

export interface Marker {
  id: string;
  kind: MarkerKind;
  startMs: number;
  /** Equal to startMs for a note on a moment. */
  endMs: number;
  /** The annotation id for notes. */
  noteId?: number;
}

export const markerColors: Record<MarkerKind, string> = {
  talkOverAgent: 'rgba(245, 34, 45, 0.28)',
  talkOverCustomer: 'rgba(250, 140, 22, 0.28)',
  deadAir: 'rgba(89, 89, 89, 0.22)',
  note: 'rgba(82, 196, 26, 0.30)',
};

export function analysisMarkers(analysis: RecordingAnalysis | null): Marker[] {
  if (!analysis) return [];
  const out: Marker[] = analysis.talkOver.map((t, i) => ({
    id: `to-${i}`,
    kind: t.by === 'agent' ? 'talkOverAgent' : 'talkOverCustomer',
    startMs: t.startMs,
    endMs: t.endMs,
  }));
  analysis.silences.forEach((s, i) => out.push({ id: `da-${i}`, kind: 'deadAir', startMs: s.startMs, endMs: s.endMs }));
  return out.sort((a, b) => a.startMs - b.startMs);
}

export function noteMarkers(notes: Annotation[]): Marker[] {
  return notes.map((n) => ({
    id: `note-${n.id}`,
    kind: 'note',
    startMs: n.startMs,
    endMs: n.endMs ?? n.startMs,
    noteId: n.id,
  }));
}

/** Jumps shorter than this are not worth the audible cut. */
const minSkipMs = 600;
/** Land a little before the speech resumes so its first syllable is not clipped. */
const leadInMs = 250;

/**
 * Where "skip dead air" moves the playhead from `timeMs`, or null to keep playing. `silences` must be sorted by
 * start and not overlap (as the analysis returns them).
 */
export function deadAirSkip(timeMs: number, silences: TimeSpan[]): number | null {
  let lo = 0;
  let hi = silences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = silences[mid];
    if (timeMs < s.startMs) hi = mid - 1;
    else if (timeMs >= s.endMs) lo = mid + 1;
    else {
      const target = s.endMs - leadInMs;
      return target - timeMs >= minSkipMs ? target : null;
    }
  }
  return null;
}

/** The span a click on a note replays: the marked range, or a few seconds around a moment. */
export function replaySpan(note: Pick<Annotation, 'startMs' | 'endMs'>, durationMs: number): [number, number] {
  if (note.endMs !== null && note.endMs > note.startMs) return [note.startMs, note.endMs];
  return [Math.max(0, note.startMs - 2000), Math.min(durationMs, note.startMs + 5000)];
}
