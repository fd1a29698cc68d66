import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { AppError } from '../../electron/core/errors';
import { crashMessage } from '../../electron/native/crash-text';
import { jobNotice, longJobMs } from '../../electron/native/job-notice';
import { buildMenuTemplate, menuLabels } from '../../electron/native/menu-template';
import { eventSchemas } from '../../shared/api';
import { menuCommands, nativeMethodNames } from '../../shared/contracts/native';
import { makeTempDir } from '../support/temp';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function menuFor(language: 'zh-CN' | 'en', platform: NodeJS.Platform = 'win32', packaged = true) {
  const sent: string[] = [];
  const template = buildMenuTemplate(
    { language, platform, packaged },
    { command: (c) => sent.push(c), openDataFolder: () => sent.push('data'), openLogFolder: () => {}, about: () => {} },
  );
  return { items: flatten(template), top: template, sent };
}

describe('application menu', () => {
  it('has the same keys in both languages, none empty', () => {
    const zh = menuLabels('zh-CN');
    const en = menuLabels('en');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(zh), ...Object.values(en)]) expect(value.trim()).not.toBe('');
    expect(zh.file).toBe('文件');
  });

  it('labels every item (roles included) in the chosen language', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const labels = new Set(Object.values(menuLabels(language)));
      const { items } = menuFor(language);
      for (const item of items) {
        if (item.type === 'separator') continue;
        expect(labels.has(item.label ?? ''), `${language}: ${item.label ?? item.role}`).toBe(true);
      }
    }
  });

  it('sends each page command once, from a click, with a keyboard shortcut', () => {
    const { items, sent } = menuFor('en');
    const clickable = items.filter((item) => item.click);
    for (const item of clickable) (item.click as () => void)();
    for (const command of menuCommands) expect(sent.filter((c) => c === command)).toHaveLength(1);
    const shortcuts = items.map((item) => item.accelerator).filter(Boolean);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    expect(items.find((item) => item.label === 'Import recordings…')?.accelerator).toBe('CmdOrCtrl+O');
  });

  it('has the app menu on macOS only and developer tools only when unpackaged', () => {
    expect(menuFor('en', 'darwin').top[0].role).toBe('appMenu');
    expect(menuFor('en', 'linux').top.some((item) => item.role === 'appMenu')).toBe(false);
    expect(menuFor('en', 'linux', true).items.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(menuFor('en', 'linux', false).items.some((item) => item.role === 'toggleDevTools')).toBe(true);
  });
});

describe('notification when a long job finishes', () => {
  const job = { jobId: 'j1', kind: 'recordings.import', outcome: 'done' as const, elapsedMs: 83_000 };

  it('stays quiet for short jobs', () => {
    expect(jobNotice({ ...job, elapsedMs: longJobMs - 1 }, 'zh-CN')).toBeNull();
  });

  it('says what finished, how, and how long it took, in the user language', () => {
    expect(jobNotice({ ...job, summary: '导入 12 个，失败 1 个' }, 'zh-CN')).toEqual({
      title: '录音导入已完成',
      body: '导入 12 个，失败 1 个 · 用时 1 分 23 秒',
    });
    expect(jobNotice({ ...job, kind: 'sync', outcome: 'failed' }, 'en')).toEqual({
      title: 'Sync failed',
      body: 'took 1 min 23 s',
    });
  });

  it('is fed by a job.finished event in the contract', () => {
    expect(eventSchemas['job.finished'].safeParse(job).success).toBe(true);
    expect(eventSchemas['job.finished'].safeParse({ ...job, outcome: 'maybe' }).success).toBe(false);
  });
});

describe('crash dialog text', () => {
  it('is bilingual, names the log file and is short', () => {
    const text = crashMessage(new Error('x'.repeat(5000)), '/data/logs/app.log');
    expect(text.message).toContain('发生意外错误');
    expect(text.message).toContain('An unexpected error occurred');
    expect(text.detail).toContain('/data/logs/app.log');
    expect(text.detail.length).toBeLessThan(800);
  });
});

describe('native.* methods outside the desktop app', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir();
    core = createCore({ dataDir: temp.dir, transport: 'cli' });
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('answer unavailable with a hint to type a path', async () => {
    const inputs = {
      'native.pickPaths': { kind: 'folder' },
      'native.savePath': { defaultName: 'report.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }] },
      'native.printToPdf': { out: '/tmp/report.pdf' },
    };
    for (const method of nativeMethodNames) {
      const result = await core.dispatch(method, inputs[method]);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('unavailable');
      expect(!result.ok && result.error.message).toMatch(/type a path instead/);
    }
  });

  it('still validate their input first', async () => {
    const bad = [
      ['native.pickPaths', { kind: 'everything' }],
      ['native.savePath', { defaultName: '../../etc/passwd', filters: [{ name: 'x', extensions: ['txt'] }] }],
      ['native.savePath', { defaultName: 'a.txt', filters: [{ name: 'x', extensions: ['t;rm -rf'] }] }],
      ['native.printToPdf', { out: '/tmp/report.exe' }],
    ] as const;
    for (const [method, input] of bad) {
      const result = await core.dispatch(method, input);
      expect(!result.ok && result.error.code).toBe('invalid_input');
    }
  });
});

describe('native.* methods in the desktop app', () => {
  it('go through the dispatcher: the capability main gives the core runs only on valid input', async () => {
    const temp = makeTempDir();
    const seen: unknown[] = [];
    const core = createCore({
      dataDir: temp.dir,
      transport: 'test',
      native: {
        'native.pickPaths': async (input) => {
          seen.push(input);
          return { paths: ['/calls/march'] };
        },
        'native.savePath': async () => ({ path: null }),
        'native.printToPdf': async () => {
          throw new AppError('unavailable', 'The window is gone.');
        },
      },
    });
    try {
      expect(await core.dispatch('native.pickPaths', { kind: 'folder' })).toEqual({
        ok: true,
        data: { paths: ['/calls/march'] },
      });
      expect(await core.dispatch('native.pickPaths', { kind: 'everything' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(seen).toEqual([{ kind: 'folder' }]);
      expect(await core.dispatch('native.printToPdf', { out: '/tmp/report.pdf' })).toEqual({
        ok: false,
        error: { code: 'unavailable', message: 'The window is gone.' },
      });
    } finally {
      core.close();
      temp.cleanup();
    }
  });
});
