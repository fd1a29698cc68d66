/**
 * The application menu as data, in the user's language. Pure (Electron types only), so both languages are tested
 * for completeness; main.ts turns it into a Menu and rebuilds it on `settings.changed`.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/contracts/native';
import type { Language } from '../../shared/settings';

const labels = {
  'zh-CN': {
    file: '文件',
    import: '导入录音…',
    openData: '打开数据文件夹',
    openLogs: '打开日志文件夹',
    quit: '退出',
    edit: '编辑',
    view: '视图',
    go: '前往',
    library: '录音库',
    evaluate: '评分',
    reports: '报表',
    sync: '同步',
    settings: '设置',
    window: '窗口',
    help: '帮助',
    about: '关于质检工作台',
    devTools: '开发者工具',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '全屏',
    minimize: '最小化',
    close: '关闭窗口',
  },
  en: {
    file: 'File',
    import: 'Import recordings…',
    openData: 'Open data folder',
    openLogs: 'Open log folder',
    quit: 'Quit',
    edit: 'Edit',
    view: 'View',
    go: 'Go',
    library: 'Library',
    evaluate: 'Evaluate',
    reports: 'Reports',
    sync: 'Sync',
    settings: 'Settings',
    window: 'Window',
    help: 'Help',
    about: 'About QA Inspector',
    devTools: 'Developer tools',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullScreen: 'Full screen',
    minimize: 'Minimise',
    close: 'Close window',
  },
} satisfies Record<Language, Record<string, string>>;

export type MenuLabels = (typeof labels)['en'];

export function menuLabels(language: Language): MenuLabels {
  return labels[language];
}

export interface MenuActions {
  command(command: MenuCommand): void;
  openDataFolder(): void;
  openLogFolder(): void;
  about(): void;
}

export interface MenuOptions {
  language: Language;
  platform: NodeJS.Platform;
  /** Developer tools only in unpackaged builds. */
  packaged: boolean;
}

export function buildMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = menuLabels(options.language);
  const mac = options.platform === 'darwin';
  const go = (label: string, command: MenuCommand, key: string): MenuItemConstructorOptions => ({
    label,
    accelerator: `CmdOrCtrl+${key}`,
    click: () => actions.command(command),
  });
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: t.file,
      submenu: [
        { label: t.import, accelerator: 'CmdOrCtrl+O', click: () => actions.command('library.import') },
        { type: 'separator' },
        { label: t.openData, click: actions.openDataFolder },
        { label: t.openLogs, click: actions.openLogFolder },
        ...(mac ? [] : [{ type: 'separator' } as const, { label: t.quit, role: 'quit' } as const]),
      ],
    },
    // Standard roles keep copy/paste and undo working in text fields (on macOS they only work through the menu);
    // explicit labels because Electron's role labels are English on Windows and Linux.
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.go,
      submenu: [
        go(t.library, 'go.library', '1'),
        go(t.evaluate, 'go.evaluate', '2'),
        go(t.reports, 'go.reports', '3'),
        go(t.sync, 'go.sync', '4'),
        go(t.settings, 'go.settings', ','),
      ],
    },
    {
      label: t.view,
      submenu: [
        { role: 'resetZoom', label: t.resetZoom },
        { role: 'zoomIn', label: t.zoomIn },
        { role: 'zoomOut', label: t.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.fullScreen },
        ...(options.packaged ? [] : [{ label: t.devTools, role: 'toggleDevTools' } as const]),
      ],
    },
    {
      label: t.window,
      submenu: [
        { role: 'minimize', label: t.minimize },
        { role: 'close', label: t.close },
      ],
    },
    { label: t.help, submenu: [{ label: t.about, click: actions.about }] },
  );
  return template;
}
