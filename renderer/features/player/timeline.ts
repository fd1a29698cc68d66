/**
 * The timeline under the waveform. The stock plugin builds a tick element for every interval of the whole call on
 * each redraw (seconds of work on a two-hour call); this draws only the visible range on one canvas.
 */
import { formatClock } from './clock';

const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** The smallest tick interval (s) that keeps labels at least `minLabelPx` apart. */
export function tickInterval(pxPerSec: number, minLabelPx = 70): number {
  for (const s of steps) if (s * pxPerSec >= minLabelPx) return s;
  return steps[steps.length - 1];
}

/** Tick times (s) in `start`..`end`, labelled every tick, with minor marks in between. */
export function ticks(start: number, end: number, pxPerSec: number): { major: number[]; minor: number[] } {
  const step = tickInterval(pxPerSec);
  const minorStep = step / 5;
  const major: number[] = [];
  const minor: number[] = [];
  const first = Math.max(0, Math.floor(start / minorStep));
  for (let i = first; i * minorStep <= end + 1e-9; i++) {
    const t = Math.round(i * minorStep * 1000) / 1000;
    if (i % 5 === 0) major.push(t);
    else minor.push(t);
  }
  return { major, minor };
}

/** Paints the visible range onto `canvas` (CSS width = the visible waveform width). */
export function drawTimeline(
  canvas: HTMLCanvasElement,
  view: { start: number; end: number; width: number },
  color = '#8c8c8c',
): void {
  const ratio = window.devicePixelRatio || 1;
  const height = canvas.clientHeight || 20;
  if (canvas.width !== Math.round(view.width * ratio)) canvas.width = Math.round(view.width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx || view.end <= view.start) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, view.width, height);
  const pxPerSec = view.width / (view.end - view.start);
  const { major, minor } = ticks(view.start, view.end, pxPerSec);
  const step = tickInterval(pxPerSec);
  ctx.fillStyle = color;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  for (const t of minor) ctx.fillRect(Math.round((t - view.start) * pxPerSec), 0, 1, 4);
  for (const t of major) {
    const x = Math.round((t - view.start) * pxPerSec);
    ctx.fillRect(x, 0, 1, 8);
    ctx.fillText(formatClock(t, step < 1), x + 3, 8);
  }
}
