/**
 * Markers and notes over the waveform, drawn by us rather than by the Regions plugin: one batch of absolutely
 * positioned elements in percent of the call, so adding 300 of them is one DOM write and zooming moves them for free
 * (the browser re-lays them out with the wrapper). Also turns a drag on the waveform into a range.
 */
import { markerColors, type Marker, type MarkerKind } from './markers';

/** The markers' fixed look. They live in wavesurfer's shadow root, which the page's stylesheets do not reach. */
const markerCss = [
  '.qa-marker{position:absolute;top:0;bottom:0}',
  ...Object.entries(markerColors).map(([kind, color]) => `.qa-marker-${kind as MarkerKind}{background:${color}}`),
  '.qa-marker-moment{width:3px;margin-left:-1px;background:rgb(56,158,13)}',
  '.qa-marker-note{pointer-events:auto;cursor:pointer;border-top:3px solid rgb(56,158,13)}',
  '.qa-marker-selected{outline:2px solid #1677ff}',
].join('');

export interface OverlayHandlers {
  onNoteClick(noteId: number): void;
  onRange(startMs: number, endMs: number): void;
}

const dragThresholdPx = 5;

export class RegionLayer {
  private readonly layer: HTMLDivElement;
  private readonly selection: HTMLDivElement;
  private readonly style: HTMLStyleElement;
  private selectedNote: number | null = null;
  private readonly cleanup: (() => void)[] = [];

  constructor(
    private readonly wrapper: HTMLElement,
    private readonly durationMs: number,
    private readonly handlers: OverlayHandlers,
  ) {
    this.layer = document.createElement('div');
    this.layer.setAttribute('part', 'qa-markers');
    Object.assign(this.layer.style, { position: 'absolute', inset: '0', zIndex: '3', pointerEvents: 'none' });
    this.selection = document.createElement('div');
    Object.assign(this.selection.style, {
      position: 'absolute',
      top: '0',
      bottom: '0',
      display: 'none',
      background: 'rgba(22, 119, 255, 0.25)',
      zIndex: '4',
      pointerEvents: 'none',
    });
    this.style = document.createElement('style');
    this.style.textContent = markerCss;
    wrapper.append(this.style, this.layer, this.selection);
    this.layer.addEventListener('click', this.onClick);
    wrapper.addEventListener('pointerdown', this.onPointerDown);
    this.cleanup.push(() => wrapper.removeEventListener('pointerdown', this.onPointerDown));
  }

  /** Percent of the call (a number, so nothing user-typed ever reaches the HTML string). */
  private pct(ms: number): number {
    return (Math.min(Math.max(ms, 0), this.durationMs) / this.durationMs) * 100;
  }

  /**
   * Runs `work` (a wavesurfer re-render) with the markers out of layout: wavesurfer reads the layout three or four
   * times while it re-renders, and each read would lay out every marker again; they are laid out once, after.
   */
  withoutLayout(work: () => void): void {
    this.layer.style.display = 'none';
    try {
      work();
    } finally {
      this.layer.style.display = '';
    }
  }

  /**
   * Replaces every marker in one write. Built as one HTML string with the fixed look in classes (markerCss): creating
   * and styling 500 elements one property at a time cost more than the parse, style and layout of the whole batch.
   */
  set(markers: Marker[]): void {
    let html = '';
    for (const m of markers) {
      const moment = m.endMs <= m.startMs;
      const left = this.pct(m.startMs);
      const geometry = moment ? `left:${left}%` : `left:${left}%;width:calc(${this.pct(m.endMs - m.startMs)}% + 1px)`;
      const selected = m.noteId !== undefined && m.noteId === this.selectedNote ? ' qa-marker-selected' : '';
      const moment_ = moment ? ' qa-marker-moment' : '';
      const note = m.noteId !== undefined ? ` data-note-id="${m.noteId}"` : '';
      html += `<div class="qa-marker qa-marker-${m.kind}${moment_}${selected}" data-kind="${m.kind}"${note} style="${geometry}"></div>`;
    }
    this.layer.innerHTML = html;
  }

  select(noteId: number | null): void {
    this.selectedNote = noteId;
    for (const el of this.layer.querySelectorAll<HTMLElement>('[data-note-id]'))
      el.classList.toggle('qa-marker-selected', Number(el.dataset.noteId) === noteId);
  }

  private readonly onClick = (event: MouseEvent) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-note-id]');
    if (!target) return;
    // Replaying the note, not seeking to where inside it the click landed.
    event.stopPropagation();
    this.handlers.onNoteClick(Number(target.dataset.noteId));
  };

  private readonly onPointerDown = (down: PointerEvent) => {
    if (down.button !== 0 || (down.target as HTMLElement).closest('[data-note-id]')) return;
    const rect = this.wrapper.getBoundingClientRect();
    const toMs = (clientX: number) =>
      Math.round(Math.min(Math.max((clientX - rect.left) / rect.width, 0), 1) * this.durationMs);
    let dragging = false;
    const move = (e: PointerEvent) => {
      if (!dragging && Math.abs(e.clientX - down.clientX) < dragThresholdPx) return;
      dragging = true;
      const a = Math.min(e.clientX, down.clientX) - rect.left;
      const b = Math.max(e.clientX, down.clientX) - rect.left;
      Object.assign(this.selection.style, { display: 'block', left: `${a}px`, width: `${b - a}px` });
    };
    const up = (e: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      this.selection.style.display = 'none';
      if (!dragging) return;
      // The click that ends a drag must not also seek to where the mouse was let go.
      const swallow = (c: Event) => c.stopPropagation();
      this.wrapper.parentElement?.addEventListener('click', swallow, { capture: true, once: true });
      setTimeout(() => this.wrapper.parentElement?.removeEventListener('click', swallow, { capture: true }), 0);
      const a = toMs(Math.min(e.clientX, down.clientX));
      const b = toMs(Math.max(e.clientX, down.clientX));
      if (b > a) this.handlers.onRange(a, b);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    this.cleanup.push(() => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    });
  };

  destroy(): void {
    this.cleanup.forEach((f) => f());
    this.layer.remove();
    this.selection.remove();
    this.style.remove();
  }
}
