import { Alert, Button, Spin, Tabs, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation, RecordingSummary } from '../../../shared/contracts/evaluations';
import type { RecordingAnalysis, RecordingDetail } from '../../../shared/recording';
import { call } from '../../api';
import { useT } from '../../i18n';
import { channelGains } from './audio-graph';
import { Controls } from './Controls';
import { PlayerEngine, speeds, type MediaProblem } from './engine';
import { HelpOverlay } from './HelpOverlay';
import { usePlayerKeys, type PlayerAction } from './keys';
import { MarkerList } from './MarkerList';
import { analysisMarkers, noteMarkers, replaySpan } from './markers';
import { NotesPanel } from './NotesPanel';
import { PeakCache } from './peaks';
import { mediaUrlOf, takeAnalysis, takeMedia, takeRecordingDetail } from './prefetch';
import { useNotes } from './store';
import { usePlayerZoom } from './zoom';
import { formatClock } from './timeline';
import './player.css';

const channelHeight = 56;
const colors = ['#1677ff', '#13a8a8'];

type Problem = MediaProblem | 'noWaveform' | { load: string };

function useRecordingData(id: string) {
  const [data, setData] = useState<{
    detail: RecordingDetail;
    analysis: RecordingAnalysis | null;
    /** The talk analytics arrived, failed, or do not exist for this call. */
    analysisDone: boolean;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    void useNotes
      .getState()
      .load(id)
      .catch(() => undefined);
    // The waveform paints as soon as the peaks are here; the talk analytics (markers only) follow on their own.
    void takeRecordingDetail(id).then(
      (detail) => {
        if (!live) return;
        setData({ detail, analysis: null, analysisDone: false });
        void takeAnalysis(id, detail).then(
          (analysis) => live && setData((d) => (d?.detail === detail ? { detail, analysis, analysisDone: true } : d)),
        );
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return { data, error };
}

/** onSettled: the waveform is painted and the audio can play (or a problem is on screen). */
export function Player({ recording, onSettled }: { recording: RecordingSummary; onSettled?: () => void }) {
  const t = useT();
  const { data, error } = useRecordingData(recording.id);
  const root = useRef<HTMLDivElement>(null);
  const waveRef = useRef<HTMLDivElement>(null);
  const timelineRef = useRef<HTMLCanvasElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  const engineRef = useRef<PlayerEngine | null>(null);
  const [engine, setEngine] = useState<PlayerEngine | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [state, setState] = useState({ painted: false, playable: false, playing: false });
  const [rate, setRate] = useState(1);
  const [volume, setVolume] = useState(1);
  const [skipDeadAir, setSkipDeadAir] = useState(false);
  const [muted, setMuted] = useState<boolean[]>([false, false]);
  const [soloed, setSoloed] = useState<boolean[]>([false, false]);
  const [help, setHelp] = useState(false);
  const notes = useNotes((s) => s.notes);
  const selected = useNotes((s) => s.selected);

  const replay = useCallback((note: Annotation) => {
    const e = engineRef.current;
    if (!e) return;
    useNotes.getState().select(note.id);
    const [a, b] = replaySpan(note, e.duration * 1000);
    e.playSpan(a / 1000, b / 1000);
  }, []);
  const replayRef = useRef(replay);

  const detail = data?.detail;
  const analysis = data?.analysis ?? null;
  useEffect(() => {
    setProblem(error ? { load: error } : null);
    if (!detail || !waveRef.current || !timelineRef.current || !root.current) return;
    if (detail.peaks.channels.length === 0) {
      setProblem('noWaveform');
      return;
    }
    const peaks = new PeakCache({
      durationMs: detail.durationMs,
      fullMsPerPeak: (detail.peaks.samplesPerPeak * 1000) / detail.sampleRate,
      base: { msPerPeak: detail.peaks.msPerPeak, channels: detail.peaks.channels },
    });
    const e = new PlayerEngine(
      {
        waveform: waveRef.current,
        timeline: timelineRef.current,
        mediaParent: root.current,
        url: mediaUrlOf(detail.id),
        media: takeMedia(detail.id),
        durationMs: detail.durationMs,
        peaks,
        channelColors: colors,
        channelHeight,
      },
      {
        onTime: (s) => {
          const el = timeRef.current;
          if (!el) return;
          el.textContent = formatClock(s, true);
          el.dataset.ms = String(Math.round(s * 1000));
        },
        onPlaying: (playing) => setState((p) => ({ ...p, playing })),
        onPainted: () => setState((p) => ({ ...p, painted: true })),
        onPlayable: () => setState((p) => ({ ...p, playable: true })),
        onProblem: (p) => setProblem(p),
        onZoom: (px) => usePlayerZoom.setState({ px }),
        onRange: (a, b) => useNotes.getState().startDraft(a, b),
        onNoteClick: (id) => {
          const note = useNotes.getState().notes.find((n) => n.id === id);
          if (note) replayRef.current(note);
        },
        fetchPeaks: async (startMs, endMs, maxPeaks) =>
          (await call('recordings.peaks', { id: detail.id, startMs, endMs, maxPeaks })).channels,
      },
    );
    engineRef.current = e;
    setEngine(e);
    setState({ painted: false, playable: false, playing: false });
    usePlayerZoom.setState({ px: 0 });
    return () => {
      engineRef.current = null;
      setEngine(null);
      e.destroy();
    };
  }, [detail, error]);

  const settled = (state.painted && state.playable && !!data?.analysisDone) || problem !== null;
  useEffect(() => {
    if (settled) onSettled?.();
  }, [settled, onSettled]);

  const markers = useMemo(() => analysisMarkers(analysis), [analysis]);
  useEffect(() => engine?.setMarkers([...markers, ...noteMarkers(notes)]), [engine, markers, notes]);
  useEffect(() => engine?.selectNote(selected), [engine, selected]);
  useEffect(
    () => engine?.setSkipDeadAir(skipDeadAir && analysis ? analysis.silences : null),
    [engine, skipDeadAir, analysis],
  );
  useEffect(() => engine?.setRate(rate), [engine, rate]);
  useEffect(() => engine?.setVolume(volume), [engine, volume]);
  const channels = detail?.channels ?? 1;
  useEffect(() => {
    if (engine && channels > 1) engine.setChannelGains(channelGains(muted.slice(0, channels), soloed));
  }, [engine, channels, muted, soloed]);

  const run = useCallback(
    (action: PlayerAction) => {
      if (action.type === 'help') return setHelp((h) => !h);
      const e = engineRef.current;
      if (!e) return;
      switch (action.type) {
        case 'playPause':
          return e.playPause();
        case 'skip':
          return e.skip(action.seconds);
        case 'speed': {
          const i = speeds.indexOf(rate) + action.direction;
          return setRate(speeds[Math.min(speeds.length - 1, Math.max(0, i))]);
        }
        case 'zoom':
          return e.zoomStep(action.direction);
        case 'note':
          return useNotes.getState().startDraft(e.currentTime() * 1000, null);
      }
    },
    [rate],
  );
  usePlayerKeys(root, run);

  const jump = useCallback((ms: number) => engineRef.current?.seek(ms / 1000), []);
  const agentChannel = detail?.agentChannel ?? 0;
  const toggle = (list: boolean[], i: number) => list.map((v, j) => (j === i ? !v : v));
  const problemText =
    problem === null
      ? null
      : typeof problem === 'object'
        ? t('pl.error.load', { error: problem.load })
        : t(`pl.error.${problem}`);

  return (
    <div
      ref={root}
      className="qa-player"
      tabIndex={-1}
      data-testid="player"
      data-painted={state.painted}
      data-playable={state.playable}
      data-playing={state.playing}
      data-problem={problem === null ? '' : typeof problem === 'object' ? 'load' : problem}
      onPointerDown={() => root.current?.focus({ preventScroll: true })}
    >
      {problemText && <Alert type="error" showIcon message={problemText} data-testid="player-error" />}
      {!detail && !error && <Spin tip={t('pl.loading')} />}
      <Controls
        playing={state.playing}
        rate={rate}
        volume={volume}
        durationS={recording.durationMs / 1000}
        skipDeadAir={skipDeadAir}
        canSkipDeadAir={!!analysis && analysis.silences.length > 0}
        disabled={!engine}
        timeRef={timeRef}
        run={run}
        setRate={setRate}
        setVolume={setVolume}
        setSkipDeadAir={setSkipDeadAir}
      />
      <div className="qa-player-wave">
        <div ref={waveRef} className="qa-player-waveform" />
        {detail && detail.peaks.channels.length > 0 && (
          <div className="qa-player-labels">
            {detail.peaks.channels.map((_, i) => (
              <div key={i} className="qa-player-label" style={{ top: i * channelHeight }} data-channel={i}>
                <Typography.Text strong style={{ color: colors[i] }}>
                  {channels === 1 ? t('pl.mono') : i === agentChannel ? t('pl.agent') : t('pl.customer')}
                </Typography.Text>
                {channels > 1 && (
                  <>
                    <Tooltip title={t('pl.mute')}>
                      <Button
                        size="small"
                        type={muted[i] ? 'primary' : 'default'}
                        danger={muted[i]}
                        aria-pressed={muted[i]}
                        onMouseDown={(e) => e.preventDefault()}
                        onClick={() => setMuted((m) => toggle(m, i))}
                      >
                        M
                      </Button>
                    </Tooltip>
                    <Tooltip title={t('pl.solo')}>
                      <Button
                        size="small"
                        type={soloed[i] ? 'primary' : 'default'}
                        aria-pressed={soloed[i]}
                        onMouseDown={(e) => e.preventDefault()}
                        onClick={() => setSoloed((s) => toggle(s, i))}
                      >
                        S
                      </Button>
                    </Tooltip>
                  </>
                )}
              </div>
            ))}
          </div>
        )}
        <canvas ref={timelineRef} className="qa-player-timeline" />
      </div>
      {analysis?.talkRatio && (
        <Typography.Text type="secondary">
          {t('pl.talkRatio', {
            agent: Math.round(analysis.talkRatio.agent * 100),
            customer: Math.round(analysis.talkRatio.customer * 100),
          })}
        </Typography.Text>
      )}
      <Tabs
        size="small"
        items={[
          {
            key: 'notes',
            label: `${t('pl.notes')} (${notes.length})`,
            children: <NotesPanel onReplay={replay} />,
          },
          {
            key: 'markers',
            label: `${t('pl.markers')} (${markers.length})`,
            children: <MarkerList markers={markers} onJump={jump} />,
          },
        ]}
      />
      <HelpOverlay open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
