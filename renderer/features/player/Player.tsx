import { Alert, Spin, Tooltip, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n';
import { useRevealedWhen } from '../../shell/use-revealed';
import { channelGains } from './audio-graph';
import { ChannelLabels } from './ChannelLabels';
import { Controls } from './Controls';
import { speeds } from './engine';
import { HelpOverlay, useKeyHelp } from './HelpOverlay';
import { usePlayerKeys, type PlayerAction } from './keys';
import { analysisMarkers, noteMarkers } from './markers';
import { PlayerLists } from './PlayerLists';
import { useNotes } from './store';
import { channelColors, channelHeightFor, usePlayerEngine } from './use-player-engine';
import './player.css';

/**
 * onSettled: the waveform is painted and the audio can play (or a problem is on screen). Memoised: the page
 * re-renders as the evaluation loads, and the player must not re-render with it while its call opens.
 * listsIn: where the notes and events lists go (the evaluate page keeps them beside the scorecard, so the pinned
 * player stays short); without it they follow the waveform.
 */
export const Player = memo(function Player({
  recordingId,
  onSettled,
  listsIn,
}: {
  recordingId: string;
  onSettled?: () => void;
  listsIn?: HTMLElement | null;
}) {
  const t = useT();
  const root = useRef<HTMLDivElement>(null);
  const waveRef = useRef<HTMLDivElement>(null);
  const timelineRef = useRef<HTMLCanvasElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  const [rate, setRate] = useState(1);
  const [volume, setVolume] = useState(1);
  const [skipDeadAir, setSkipDeadAir] = useState(false);
  const [muted, setMuted] = useState<boolean[]>([false, false]);
  const [soloed, setSoloed] = useState<boolean[]>([false, false]);
  const notes = useNotes((s) => s.notes);
  const selected = useNotes((s) => s.selected);

  const { data, engine, engineRef, problem, state, replay } = usePlayerEngine(recordingId, {
    root,
    waveform: waveRef,
    timeline: timelineRef,
    time: timeRef,
  });

  const detail = data?.detail;
  const analysis = data?.analysis ?? null;
  const settled = (state.painted && state.playable && !!data?.analysisDone) || problem !== null;
  // The waveform and the audio come first; the controls and the notes and markers lists follow once they are in.
  const revealed = useRevealedWhen(settled);
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
      if (action.type === 'help') return useKeyHelp.setState((h) => ({ open: !h.open }));
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
    [rate, engineRef],
  );
  usePlayerKeys(root, run);

  const jump = useCallback((ms: number) => engineRef.current?.seek(ms / 1000), [engineRef]);
  const problemText =
    problem === null
      ? null
      : typeof problem === 'object'
        ? t('pl.error.load', { error: t(`error.code.${problem.load}`) })
        : t(`pl.error.${problem}`);
  const lists = revealed && <PlayerLists markers={markers} onReplay={replay} onJump={jump} />;
  const same = analysis?.channelsSame === true;

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
      {!detail && !problem && <Spin tip={t('pl.loading')} />}
      {/* The channel names and their mute / solo buttons sit in a gutter beside the waveform, covering no audio. */}
      <div className="qa-player-wave">
        <div className="qa-player-gutter">
          {detail && detail.peaks.channels.length > 0 && (
            <ChannelLabels
              count={detail.peaks.channels.length}
              channels={channels}
              agentChannel={detail.agentChannel ?? 0}
              colors={channelColors}
              channelHeight={channelHeightFor(detail.peaks.channels.length)}
              same={same}
              muted={muted}
              soloed={soloed}
              setMuted={setMuted}
              setSoloed={setSoloed}
            />
          )}
        </div>
        <div className="qa-player-track">
          <div ref={waveRef} className="qa-player-waveform" />
          <canvas ref={timelineRef} className="qa-player-timeline" aria-hidden />
        </div>
      </div>
      {/* Below the waveform, and rendered just after it: nothing moves the waveform once it is painted. */}
      <div className="qa-player-bar">
        {revealed && (
          <Controls
            playing={state.playing}
            rate={rate}
            volume={volume}
            durationS={(detail?.durationMs ?? 0) / 1000}
            skipDeadAir={skipDeadAir}
            canSkipDeadAir={!!analysis && analysis.silences.length > 0}
            disabled={!engine}
            timeRef={timeRef}
            run={run}
            setRate={setRate}
            setVolume={setVolume}
            setSkipDeadAir={setSkipDeadAir}
            info={
              analysis?.talkRatio &&
              !same && (
                <Typography.Text type="secondary" className="qa-player-ratio">
                  {t('pl.talkRatio', {
                    agent: Math.round(analysis.talkRatio.agent * 100),
                    customer: Math.round(analysis.talkRatio.customer * 100),
                  })}
                </Typography.Text>
              )
            }
          />
        )}
      </div>
      {same && (
        <Tooltip title={t('pl.channels.same.help')}>
          <Alert
            type="warning"
            showIcon
            className="qa-player-same"
            data-testid="channels-same"
            title={t('pl.channels.same')}
          />
        </Tooltip>
      )}
      {listsIn === undefined ? lists : listsIn ? createPortal(lists, listsIn) : null}
      <HelpOverlay />
    </div>
  );
});
