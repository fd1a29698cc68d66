import { Button, Spin } from 'antd';
import { startTransition, useCallback, useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../shell/errors';
import { useNavigation } from '../../shell/navigation';
import { useKeyHelp } from '../player/HelpOverlay';
import { EvaluationWork } from '../calibration/EvaluationWork';
import { calibrationIdOfEvaluateHash } from '../calibration/route';
import { hasNoAudio, markNoAudio, prepareRecording } from '../player/prefetch';
import { ChatTranscriptPanel } from '../channels/ChatTranscript';
import { VisitPanel } from '../channels/VisitPanel';
import { CallLine, FocusedGuidance, PlayerSlot, RecordingDetails } from './RecordingPanel';
import { RevisionHistory } from './RevisionHistory';
import { ScoringPanel } from './ScoringPanel';
import { useEvaluate } from './store';
import { WorkQueue } from './WorkQueue';
import './evaluate.css';

/** `#/evaluate/<recordingId>` opens that recording; `#/evaluate` alone shows the work queue. */
function recordingIdFromHash(): string | null {
  const [page, id] = window.location.hash.replace(/^#\/?/, '').split('/');
  return page === 'evaluate' && id ? decodeURIComponent(id) : null;
}

/** The call whose evaluation is loading or loaded, so the hash change and the page's effect load it once. */
let opening: string | null = null;

/**
 * Everything a call needs (evaluation, peaks, audio) starts at the hash change, before React renders the page, so
 * the requests run while it renders instead of after it.
 */
function startOpening(recordingId: string): void {
  prepareRecording(recordingId);
  // The call and what it is scored for: its own evaluation, or a calibration session (…/calibration/<id>).
  const key = `${recordingId}|${calibrationIdOfEvaluateHash() ?? ''}`;
  if (opening === key) return;
  opening = key;
  void useEvaluate.getState().load(recordingId, calibrationIdOfEvaluateHash());
}

function useRecordingId(): string | null {
  const [id, setId] = useState(recordingIdFromHash);
  useEffect(() => {
    let pending = 0;
    const onHash = () => {
      const next = recordingIdFromHash();
      clearTimeout(pending);
      if (!next) return setId(null);
      startOpening(next);
      // React renders an update made in a hashchange handler before that task ends (a discrete event), and the
      // audio element starts its pipeline only in a task of its own after `src` is set: rendering the page first
      // held the audio back by the whole render (about 20 ms of a 60–100 ms open). One task later, it is under way.
      pending = window.setTimeout(() => setId(next), 0);
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      clearTimeout(pending);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  return id;
}

const scoringFallbackMs = 1_000;

/** Back to where the call was opened from: the library, another page, or else the work queue. */
function BackButton() {
  const t = useT();
  const from = useNavigation((s) => s.from);
  const [label, target] =
    from === 'library'
      ? [t('ev.back.library'), '#/library']
      : from === 'reports' || from === 'evaluation'
        ? [t('ev.back.previous'), null]
        : [t('ev.back'), '#/evaluate'];
  return (
    <Button
      type="link"
      className="ev-back"
      onClick={() => (target ? (window.location.hash = target) : window.history.back())}
      data-testid="ev-back"
    >
      ← {label}
    </Button>
  );
}

function Evaluation({ recordingId }: { recordingId: string }) {
  const t = useT();
  const { view, loading, error, def, flush } = useEvaluate();
  useEffect(() => {
    startOpening(recordingId);
    return () => {
      // Leaving this call (for the queue, another page or another call): coming back loads it afresh.
      if (opening?.startsWith(`${recordingId}|`)) opening = null;
    };
  }, [recordingId]);
  // The scorecard is the heaviest part of the page (a few hundred ms to lay out): it follows once the waveform is
  // painted and the audio can play, so an inspector can start listening at once. A stalled player holds it back
  // for a moment at most.
  const [showScoring, setShowScoring] = useState(false);
  // After the frame that shows the waveform and its markers, not inside it.
  // In a transition: a key press or a click on the player is served between its slices.
  const scoringNow = useCallback(
    () => requestAnimationFrame(() => setTimeout(() => startTransition(() => setShowScoring(true)), 0)),
    [],
  );
  useEffect(() => {
    setShowScoring(false);
    const fallback = setTimeout(() => setShowScoring(true), scoringFallbackMs);
    return () => clearTimeout(fallback);
  }, [recordingId]);
  // Leaving the page (or closing the window) must not drop the last change.
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  // The side column hosts the player's notes and events lists (a portal), so the pinned player stays short.
  const [side, setSide] = useState<HTMLDivElement | null>(null);

  if (error) return <ErrorAlert error={error} title={t('ev.notFound')} />;
  const loaded = !loading && view?.recording.id === recordingId ? view : null;
  if (loaded && loaded.recording.channel !== 'phone') markNoAudio(recordingId);
  return (
    // data-recording-id once the evaluation is loaded (tests and automation wait for it).
    // A workspace the height of the window: the player stays pinned on top, the scorecard scrolls on its own.
    <div className="ev-page" data-recording-id={loaded ? recordingId : undefined}>
      <div className="ev-top">
        <BackButton />
        <CallLine recording={loaded?.recording ?? null} />
      </div>
      <section className="ev-player-pane" aria-label={t('ev.recording')}>
        {/* Only calls have audio: a chat shows its messages, a store visit its details (features/channels). */}
        {loaded?.recording.channel === 'chat' ? (
          <ChatTranscriptPanel recordingId={recordingId} onReady={scoringNow} />
        ) : loaded?.recording.channel === 'store' ? (
          <VisitPanel recordingId={recordingId} onReady={scoringNow} />
        ) : loaded || !hasNoAudio(recordingId) ? (
          <PlayerSlot recordingId={recordingId} onSettled={scoringNow} listsIn={side} />
        ) : null}
      </section>
      <div className="ev-work">
        <div className="ev-scroll" data-testid="ev-scroll">
          {showScoring && loaded ? <ScoringPanel onHelp={() => useKeyHelp.setState({ open: true })} /> : <Spin />}
        </div>
        <aside className="ev-side" aria-label={t('ev.details')}>
          {showScoring && loaded && <RecordingDetails recording={loaded.recording} />}
          {showScoring && loaded && <FocusedGuidance />}
          <div ref={setSide} className="ev-side-lists" />
          {showScoring && loaded && <RevisionHistory revisions={loaded.revisions} def={def} />}
        </aside>
      </div>
    </div>
  );
}

export function EvaluatePage() {
  const recordingId = useRecordingId();
  return recordingId ? (
    <EvaluationWork recordingId={recordingId}>
      <Evaluation recordingId={recordingId} />
    </EvaluationWork>
  ) : (
    <WorkQueue />
  );
}
