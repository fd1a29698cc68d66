/**
 * Opening a call starts its waveform data and its audio at once, while the evaluate page is still rendering: the
 * player would otherwise ask for them only after its first render, one round trip and one media start-up later.
 * One call is kept (the one being opened); the player takes what is there and asks itself for anything missing.
 */
import { overviewPeaks, type RecordingAnalysis, type RecordingDetail } from '../../../shared/recording';
import { call, recordingMedia } from '../../api';

/** Pairs per channel fetched on open: the overview the core keeps ready. */
export const openPeaks = overviewPeaks;

interface Prepared {
  id: string;
  /** Each handed over once: a later open of the same call asks afresh. */
  detail: Promise<RecordingDetail> | null;
  analysis: Promise<RecordingAnalysis | null> | null;
  media: HTMLAudioElement | null;
}

/** The talk analytics (markers only): null when the call was never analysed or they cannot be had. */
function analysisFor(recordingId: string, detail: RecordingDetail): Promise<RecordingAnalysis | null> {
  // No counts means never analysed: asking would only produce a not-found.
  if (detail.peaks.channels.length === 0 || detail.talkOverCount === null) return Promise.resolve(null);
  return call('recordings.analysis', { id: recordingId }).catch(() => null);
}

let prepared: Prepared | null = null;

/** Resolves once the element can play (or failed, or after a short while at most). */
function untilPlayable(media: HTMLAudioElement, maxMs = 400): Promise<void> {
  if (media.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA || media.error) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      media.removeEventListener('canplay', done);
      media.removeEventListener('error', done);
      resolve();
    };
    const timer = setTimeout(done, maxMs);
    media.addEventListener('canplay', done);
    media.addEventListener('error', done);
  });
}

/** The media URL as the element reports it back (absolute), so wavesurfer sees the same source and keeps it. */
export function mediaUrlOf(recordingId: string): string {
  return new URL(recordingMedia(recordingId), document.baseURI).href;
}

function newMedia(recordingId: string): HTMLAudioElement {
  const media = document.createElement('audio');
  media.preload = 'auto';
  media.style.display = 'none';
  media.src = mediaUrlOf(recordingId);
  return media;
}

function release(p: Prepared | null): void {
  if (!p?.media) return;
  p.media.removeAttribute('src');
  p.media.load();
}

/** Contacts known to have no audio (chats, store visits): nothing is prepared for them, so no media is asked for. */
const noAudio = new Set<string>();

export function markNoAudio(recordingId: string): void {
  noAudio.add(recordingId);
}

export function hasNoAudio(recordingId: string): boolean {
  return noAudio.has(recordingId);
}

/**
 * Starts fetching the call's peaks and buffering its audio; a call prepared before is dropped. Preparing the call
 * already prepared does nothing, so the hash change, the page and the player may each ask.
 */
export function prepareRecording(recordingId: string): void {
  if (prepared?.id === recordingId || noAudio.has(recordingId)) return;
  release(prepared);
  // The audio is asked for first (its first bytes are cheap for the core to serve) and not after the peaks: a call
  // without a waveform (never analysed) is rare, and its element is simply dropped with the next call.
  const media = newMedia(recordingId);
  const detail = call('recordings.get', { id: recordingId, maxPeaks: openPeaks });
  const entry: Prepared = { id: recordingId, detail, analysis: null, media };
  // The talk analytics (markers only) wait until the audio can play: on an hour-long call their answer is a few
  // hundred KB the core builds on the same event loop that serves the audio's first range, which held "playable"
  // back by as much on a call's first open.
  entry.analysis = detail.then(
    (d) => untilPlayable(media).then(() => analysisFor(recordingId, d)),
    () => null,
  );
  // A failure is reported by the player when it takes the promise; this only keeps it from going unhandled.
  detail.catch(() => undefined);
  prepared = entry;
}

/** The player is done with this call: the next open of it fetches afresh (notes, analysis or audio may change). */
export function releasePrepared(recordingId: string): void {
  if (prepared?.id !== recordingId) return;
  release(prepared);
  prepared = null;
}

/** The prepared peaks for this call (handed over once), or a fresh request. */
export function takeRecordingDetail(recordingId: string): Promise<RecordingDetail> {
  prepareRecording(recordingId);
  const detail = prepared!.detail;
  if (detail) {
    prepared!.detail = null;
    return detail;
  }
  return call('recordings.get', { id: recordingId, maxPeaks: openPeaks });
}

/** The prepared talk analytics for this call (handed over once), or a fresh request. */
export function takeAnalysis(recordingId: string, detail: RecordingDetail): Promise<RecordingAnalysis | null> {
  const analysis = prepared?.id === recordingId ? prepared.analysis : null;
  if (analysis) {
    prepared!.analysis = null;
    return analysis;
  }
  return analysisFor(recordingId, detail);
}

/** The prepared media element for this call (handed over once), or null. */
export function takeMedia(recordingId: string): HTMLAudioElement | null {
  if (prepared?.id !== recordingId || !prepared.media) return null;
  const media = prepared.media;
  prepared.media = null;
  return media;
}
