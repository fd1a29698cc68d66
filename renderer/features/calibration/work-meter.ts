/**
 * Active time on a call, without the DOM (so it is unit-tested with a clock of our own). Time counts while the page
 * is visible and the inspector is at it: the audio playing, or some input within the idle limit. A laptop closed
 * over lunch, a hidden window or a call left open on the screen do not count.
 */
export class WorkMeter {
  private lastTick: number;
  private lastInput: number;
  private playing = false;
  private visible = true;
  private pendingMs = 0;

  constructor(
    now: number,
    /** Input older than this, with no audio playing, means the inspector is away. */
    private readonly idleMs = 60_000,
    /** A longer gap between ticks is a suspended machine or a throttled tab, not work. */
    private readonly maxStepMs = 5_000,
  ) {
    this.lastTick = now;
    this.lastInput = now;
  }

  /** Counts the time since the last tick if it was active; call it every second or so and before each report. */
  tick(now: number): void {
    const step = Math.min(Math.max(0, now - this.lastTick), this.maxStepMs);
    const active = this.visible && (this.playing || now - this.lastInput <= this.idleMs);
    if (active) this.pendingMs += step;
    this.lastTick = now;
  }

  input(now: number): void {
    this.tick(now);
    this.lastInput = now;
  }

  setPlaying(playing: boolean, now: number): void {
    this.tick(now);
    this.playing = playing;
    if (!playing) this.lastInput = now; // pausing is an action: the idle limit starts from it
  }

  setVisible(visible: boolean, now: number): void {
    this.tick(now);
    this.visible = visible;
    if (visible) this.lastInput = now;
  }

  /** The active milliseconds counted since the last take (rounded down), and starts again from zero. */
  take(now: number): number {
    this.tick(now);
    const ms = Math.floor(this.pendingMs);
    this.pendingMs -= ms;
    return ms;
  }
}

/** A media element's played ranges (seconds) as whole-millisecond stretches. */
export function playedSpans(ranges: {
  length: number;
  start(i: number): number;
  end(i: number): number;
}): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < ranges.length; i++) {
    const a = Math.max(0, Math.floor(ranges.start(i) * 1000));
    const b = Math.max(a, Math.ceil(ranges.end(i) * 1000));
    if (b > a) spans.push([a, b]);
  }
  return spans;
}
