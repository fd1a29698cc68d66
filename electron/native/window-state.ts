/**
 * Remembers the window's size, position and maximised state in <dataDir>/window-state.json. Pure apart from the
 * file, so validation and the "is it still on a screen" rule are tested without Electron. A damaged or hand-edited
 * file is ignored, never trusted.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const coordinate = z.number().int().min(-100_000).max(100_000);

export const windowStateSchema = z
  .object({
    x: coordinate.optional(),
    y: coordinate.optional(),
    width: z.number().int().min(400).max(20_000),
    height: z.number().int().min(300).max(20_000),
    maximized: z.boolean().default(false),
  })
  .strict();

export type WindowState = z.infer<typeof windowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const defaultWindowState: WindowState = { width: 1440, height: 900, maximized: false };
export const minimumWindowSize = { width: 1024, height: 640 };

export function windowStateFile(dataDir: string): string {
  return join(dataDir, 'window-state.json');
}

export function parseWindowState(raw: unknown): WindowState | null {
  const parsed = windowStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Write-then-rename, so a crash mid-write leaves the previous file, not half a JSON document. */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = windowStateSchema.parse(state);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(valid), { mode: 0o600 });
  renameSync(temp, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The bounds to open with. A window saved on a monitor that is no longer attached (laptop undocked) would open
 * off-screen: unless enough of its title bar area lies on a current work area it is centred on the primary one,
 * and it never exceeds the work area it lands on.
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: defaultWindowState.width, height: defaultWindowState.height };
  const state = saved ?? defaultWindowState;
  const centred = (area: Rect, width: number, height: number): WindowState => {
    const w = Math.max(Math.min(width, area.width), Math.min(minimumWindowSize.width, area.width));
    const h = Math.max(Math.min(height, area.height), Math.min(minimumWindowSize.height, area.height));
    return {
      x: area.x + Math.round((area.width - w) / 2),
      y: area.y + Math.round((area.height - h) / 2),
      width: w,
      height: h,
      maximized: state.maximized,
    };
  };
  if (state.x === undefined || state.y === undefined) return centred(primary, state.width, state.height);
  const titleBar: Rect = { x: state.x, y: state.y, width: state.width, height: 40 };
  const home = workAreas.find((area) => overlap(titleBar, area) >= Math.min(100 * 40, state.width * 40) / 2);
  if (!home) return centred(primary, state.width, state.height);
  const width = Math.min(state.width, home.width);
  const height = Math.min(state.height, home.height);
  return {
    x: Math.min(Math.max(state.x, home.x), home.x + home.width - width),
    y: Math.min(Math.max(state.y, home.y), home.y + home.height - height),
    width,
    height,
    maximized: state.maximized,
  };
}
