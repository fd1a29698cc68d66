import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Annotation } from '../../../shared/contracts/evaluations';
import type { ErrorCode } from '../../../shared/errors';
import type { RecordingAnalysis, RecordingDetail } from '../../../shared/recording';
import { call } from '../../api';
import { errorCodeOf } from '../../shell/errors';
import { PlayerEngine, type MediaProblem } from './engine';
import { replaySpan } from './markers';
import { normalisingGain, PeakCache, pairsFromBase64 } from './peaks';
import { mediaUrlOf, releasePrepared, takeAnalysis, takeMedia, takeRecordingDetail } from './prefetch';
import { useNotes } from './store';
import { formatClock } from './clock';
import { usePlayerZoom } from './zoom';

/** Pixels per channel: two channels share what one gets, so a stereo call fits the same pinned pane. */
export const channelHeightFor = (channels: number) => (channels > 1 ? 64 : 96);
/** Agent blue and customer teal, both at least 3:1 against the waveform's background. */
export const channelColors = ['#1668dc', '#08787f'];

export type Problem = MediaProblem | 'noWaveform' | { load: ErrorCode };

export interface RecordingData {
  detail: RecordingDetail;
  analysis: RecordingAnalysis | null;
  /** The talk analytics arrived, failed, or do not exist for this call. */
  analysisDone: boolean;
}

export interface PlayerDom {
  root: RefObject<HTMLDivElement | null>;
  waveform: RefObject<HTMLDivElement | null>;
  timeline: RefObject<HTMLCanvasElement | null>;
  time: RefObject<HTMLSpanElement | null>;
}

/**
 * One call's waveform engine. The engine is created in the callback that receives the peaks, not in an effect
 * after the render they cause: the waveform starts painting one React pass sooner, and "painted" and "playable"
 * are written to the player's element as they happen (React's state follows).
 */
export function usePlayerEngine(recordingId: string, dom: PlayerDom) {
  const [data, setData] = useState<RecordingData | null>(null);
  const [engine, setEngine] = useState<PlayerEngine | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [state, setState] = useState({ painted: false, playable: false, playing: false });
  const engineRef = useRef<PlayerEngine | null>(null);
  /** Selects the note and plays its span (a moment is played with a little context). */
  const replay = useCallback((note: Annotation) => {
    const e = engineRef.current;
    if (!e) return;
    useNotes.getState().select(note.id);
    const [a, b] = replaySpan(note, e.duration * 1000);
    e.playSpan(a / 1000, b / 1000);
  }, []);

  useLayoutEffect(() => {
    let live = true;
    let started: PlayerEngine | null = null;
    const reached = (key: 'painted' | 'playable') => {
      if (!live) return;
      dom.root.current?.setAttribute(`data-${key}`, 'true');
      setState((p) => ({ ...p, [key]: true }));
    };
    const start = (detail: RecordingDetail): PlayerEngine | null => {
      const [root, waveform, timeline] = [dom.root.current, dom.waveform.current, dom.timeline.current];
      if (!root || !waveform || !timeline || detail.peaks.channels.length === 0) return null;
      const channels = detail.peaks.channels.map(pairsFromBase64);
      const peaks = new PeakCache({
        durationMs: detail.durationMs,
        fullMsPerPeak: (detail.peaks.samplesPerPeak * 1000) / detail.sampleRate,
        base: { msPerPeak: detail.peaks.msPerPeak, channels },
        gain: normalisingGain(channels),
      });
      return new PlayerEngine(
        {
          waveform,
          timeline,
          mediaParent: root,
          url: mediaUrlOf(detail.id),
          media: takeMedia(detail.id),
          durationMs: detail.durationMs,
          peaks,
          channelColors,
          channelHeight: channelHeightFor(channels.length),
        },
        {
          onTime: (s) => {
            const el = dom.time.current;
            if (!el) return;
            el.textContent = formatClock(s, true);
            el.dataset.ms = String(Math.round(s * 1000));
          },
          onPlaying: (playing) => live && setState((p) => ({ ...p, playing })),
          onPainted: () => reached('painted'),
          onPlayable: () => reached('playable'),
          onProblem: (p) => live && setProblem(p),
          onZoom: (px) => usePlayerZoom.setState({ px }),
          onRange: (a, b) => useNotes.getState().startDraft(a, b),
          onNoteClick: (id) => {
            const note = useNotes.getState().notes.find((n) => n.id === id);
            if (note) replay(note);
          },
          fetchPeaks: async (startMs, endMs, maxPeaks) =>
            (await call('recordings.peaks', { id: detail.id, startMs, endMs, maxPeaks })).channels.map(pairsFromBase64),
        },
      );
    };

    usePlayerZoom.setState({ px: 0 });
    void useNotes
      .getState()
      .load(recordingId)
      .catch(() => undefined);
    // The waveform paints as soon as the peaks are here; the talk analytics (markers only) follow on their own.
    void takeRecordingDetail(recordingId).then(
      (detail) => {
        if (!live) return;
        started = start(detail);
        engineRef.current = started;
        setEngine(started);
        if (!started) setProblem('noWaveform');
        setData({ detail, analysis: null, analysisDone: false });
        void takeAnalysis(recordingId, detail).then(
          (analysis) => live && setData((d) => (d?.detail === detail ? { detail, analysis, analysisDone: true } : d)),
        );
      },
      (e: unknown) => live && setProblem({ load: errorCodeOf(e) }),
    );
    return () => {
      live = false;
      engineRef.current = null;
      started?.destroy();
      releasePrepared(recordingId);
    };
    // The DOM refs are the player's own and fixed for its life; the player is keyed by the call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recordingId]);

  return { data, engine, engineRef, problem, state, replay };
}
