import { useEffect, useRef, type ReactNode } from 'react';
import { call } from '../../api';
import { playedSpans, WorkMeter } from './work-meter';

const tickMs = 1_000;
const reportMs = 15_000;

/** The recorder of the call on screen; the evaluate page's submit waits for its last report (flushWork). */
let current: (() => Promise<void>) | null = null;

/** Sends what the recorder counted so far; the evaluate store calls it just before a submit. */
export function flushWork(): Promise<void> {
  return current ? current() : Promise.resolve();
}

/**
 * Records how the inspector worked on the call inside it: active time (WorkMeter) and the stretches of audio played,
 * read from any media element within (media events do not bubble, so they are listened to while capturing). The
 * player itself is not touched: whatever plays the call here is what was listened to. Reports go to the core every
 * few seconds (evaluations.recordWork), which adds them up for the next submit.
 */
export function WorkRecorder({
  recordingId,
  calibrationId,
  recording = true,
  children,
}: {
  recordingId: string;
  calibrationId?: string;
  /** False while the call is only being read (a submitted evaluation, locked): that is not work on a score. */
  recording?: boolean;
  children: ReactNode;
}) {
  const root = useRef<HTMLDivElement>(null);
  const on = useRef(recording);
  useEffect(() => {
    on.current = recording;
  }, [recording]);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const now = () => performance.now();
    const meter = new WorkMeter(now());
    meter.setVisible(document.visibilityState === 'visible', now());
    // The played stretches of each element seen, kept at each event: an element loses them when it is released.
    const played = new Map<HTMLMediaElement, [number, number][]>();
    const onMedia = (event: Event) => {
      const media = event.target;
      if (!(media instanceof HTMLMediaElement)) return;
      played.set(media, playedSpans(media.played));
      meter.setPlaying(
        [...played.keys()].some((m) => !m.paused && !m.ended),
        now(),
      );
    };
    const onInput = () => meter.input(now());
    const onVisibility = () => meter.setVisible(document.visibilityState === 'visible', now());
    const mediaEvents = ['play', 'playing', 'pause', 'ended', 'seeking', 'timeupdate'];
    for (const type of mediaEvents) el.addEventListener(type, onMedia, true);
    const inputEvents = ['keydown', 'pointerdown', 'wheel', 'input'];
    for (const type of inputEvents) window.addEventListener(type, onInput, true);
    document.addEventListener('visibilitychange', onVisibility);

    let sending: Promise<void> = Promise.resolve();
    const report = (): Promise<void> => {
      const activeMs = meter.take(now());
      const spans = [...played.values()].flat().slice(0, 1000);
      if (!on.current) {
        played.clear(); // listened to while locked: not part of any score
        return sending;
      }
      if (activeMs === 0 && spans.length === 0) return sending;
      // One after the other, so the core adds them up in order.
      sending = sending.then(() =>
        call('evaluations.recordWork', {
          recordingId,
          ...(calibrationId ? { calibrationId } : {}),
          activeMs: Math.min(activeMs, 10 * 60_000),
          played: spans,
        }).then(
          () => undefined,
          () => undefined, // a report lost to a closing window costs seconds of a figure, never the evaluation
        ),
      );
      return sending;
    };
    const ticker = window.setInterval(() => meter.tick(now()), tickMs);
    const reporter = window.setInterval(() => void report(), reportMs);
    const onHide = () => void report();
    window.addEventListener('pagehide', onHide);
    current = report;
    return () => {
      void report();
      if (current === report) current = null;
      window.clearInterval(ticker);
      window.clearInterval(reporter);
      window.removeEventListener('pagehide', onHide);
      for (const type of mediaEvents) el.removeEventListener(type, onMedia, true);
      for (const type of inputEvents) window.removeEventListener(type, onInput, true);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [recordingId, calibrationId]);
  return (
    <div ref={root} data-testid="work-recorder" className="ev-recorder">
      {children}
    </div>
  );
}
