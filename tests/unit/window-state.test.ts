import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultWindowState,
  loadWindowState,
  parseWindowState,
  restoreBounds,
  saveWindowState,
  windowStateFile,
  type Rect,
} from '../../electron/native/window-state';
import { makeTempDir } from '../support/temp';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const monitorRight: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => (temp = makeTempDir('qa-window-')));
afterEach(() => temp.cleanup());

describe('window state file', () => {
  it('round-trips through <dataDir>/window-state.json', () => {
    const file = windowStateFile(temp.dir);
    saveWindowState(file, { x: 10, y: 20, width: 1300, height: 800, maximized: true });
    expect(file).toBe(join(temp.dir, 'window-state.json'));
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1300, height: 800, maximized: true });
  });

  it('ignores a missing, damaged or hand-edited file', () => {
    const file = windowStateFile(temp.dir);
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, '{"x": 1, "y"');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ width: 'wide', height: 800 }));
    expect(loadWindowState(file)).toBeNull();
  });

  it.each([
    ['too small', { width: 10, height: 10 }],
    ['absurdly large', { width: 1e7, height: 800 }],
    ['fractional', { width: 1000.5, height: 800 }],
    ['unknown key', { width: 1000, height: 800, zoom: 3 }],
    ['NaN position', { x: Number.NaN, y: 0, width: 1000, height: 800 }],
    ['not an object', [1000, 800]],
  ])('rejects %s', (_label, raw) => {
    expect(parseWindowState(raw)).toBeNull();
  });

  it('refuses to write an invalid state', () => {
    expect(() => saveWindowState(windowStateFile(temp.dir), { width: 5, height: 5, maximized: false })).toThrow();
    expect(() => readFileSync(windowStateFile(temp.dir))).toThrow();
  });
});

describe('restoring bounds', () => {
  it('keeps a window that is on a screen where it was', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(restoreBounds(saved, [laptop, monitorRight])).toEqual(saved);
  });

  it('centres a window saved on a monitor that is gone (laptop undocked)', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(restoreBounds(saved, [laptop])).toEqual({ x: 160, y: 20, width: 1600, height: 1000, maximized: true });
  });

  it('centres the default size on first start', () => {
    const bounds = restoreBounds(null, [laptop]);
    expect(bounds).toMatchObject({ width: defaultWindowState.width, height: defaultWindowState.height });
    expect(bounds.x).toBe((laptop.width - defaultWindowState.width) / 2);
  });

  it('always lands fully inside some work area (property)', () => {
    const area = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -3000, max: 3000 }),
      width: fc.integer({ min: 800, max: 4000 }),
      height: fc.integer({ min: 600, max: 2500 }),
    });
    const saved = fc.option(
      fc.record({
        x: fc.integer({ min: -100_000, max: 100_000 }),
        y: fc.integer({ min: -100_000, max: 100_000 }),
        width: fc.integer({ min: 400, max: 20_000 }),
        height: fc.integer({ min: 300, max: 20_000 }),
        maximized: fc.boolean(),
      }),
      { nil: null },
    );
    fc.assert(
      fc.property(fc.array(area, { minLength: 1, maxLength: 3 }), saved, (areas, state) => {
        const b = restoreBounds(state, areas);
        const inside = areas.some(
          (a) => b.x! >= a.x && b.y! >= a.y && b.x! + b.width <= a.x + a.width && b.y! + b.height <= a.y + a.height,
        );
        expect(inside).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
