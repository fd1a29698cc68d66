/**
 * Why the app refused to start, as codes with their words in both languages. A refused start happens before any
 * page or setting can be read, so the desktop app's dialog, browser mode's console and the `qa` command all map
 * the code to text here: what happened, to which file, and what to do about it.
 */
export const startupProblemCodes = [
  'database_missing',
  'database_empty',
  'database_not_sqlite',
  'database_corrupt',
  'database_unopenable',
  'database_ledger_damaged',
  'database_from_newer_app',
  'database_migration_changed',
  'database_migration_failed',
  'data_folder_unusable',
  'token_weak',
  'port_invalid',
] as const;
export type StartupProblemCode = (typeof startupProblemCodes)[number];

export interface StartupProblem {
  code: StartupProblemCode;
  /** The file or folder concerned. */
  path?: string;
  /** The newest automatic backup of the database, when there is one to restore. */
  backup?: string;
  /** The folder automatic backups are kept in. */
  backupsDir?: string;
  /** The library folder, and how many recordings it holds. */
  library?: string;
  count?: number;
  /** A migration's file name. */
  migration?: string;
  /** The system's own words (an SQLite or file-system error), for support; never the only explanation. */
  detail?: string;
}

export type StartupLanguage = 'zh-CN' | 'en';

interface Words {
  cause: string;
  /** Put after the advice to restore the newest backup (or after saying none was found), when `restore` is set. */
  action: string;
  restore?: true;
}

const restoreZh =
  '没有做任何改动。要找回数据：退出程序，将最新的自动备份 {backup} 复制为 {path}，然后重新启动（同步令牌需重新填写）。';
const restoreEn =
  'Nothing was changed. To get your work back: quit, copy the newest automatic backup {backup} to {path}, and start ' +
  'again (enter the sync token again afterwards).';
const noBackupZh = '在 {backupsDir} 中没有找到自动备份。请从您自己的备份恢复 {path}，或联系技术支持。';
const noBackupEn =
  'No automatic backup was found in {backupsDir}. Restore {path} from your own backup, or contact support.';

const words: Record<StartupLanguage, Record<StartupProblemCode, Words>> = {
  'zh-CN': {
    database_missing: {
      cause:
        '数据库文件 {path} 不见了，但录音库文件夹 {library} 中还有 {count} 个录音文件；程序没有新建空数据库覆盖您的工作。',
      action: '若确实要从空的录音库重新开始，请先把录音库文件夹移走。',
      restore: true,
    },
    database_empty: {
      cause:
        '数据库文件 {path} 是空的（0 字节或没有任何数据表），但录音库文件夹 {library} 中还有 {count} 个录音文件；程序没有把它当作新数据库使用。',
      action: '若确实要从空的录音库重新开始，请先把录音库文件夹移走。',
      restore: true,
    },
    database_not_sqlite: {
      cause: '{path} 不是本程序能读取的数据库文件（可能已损坏或被其他文件覆盖）。',
      action: '',
      restore: true,
    },
    database_corrupt: { cause: '数据库文件 {path} 已损坏。', action: '', restore: true },
    database_unopenable: {
      cause: '无法打开数据库文件 {path}（可能没有读写权限、磁盘已满或文件正被占用）。',
      action: '请检查该文件及其文件夹的权限和磁盘空间，然后重新启动。',
    },
    database_ledger_damaged: {
      cause:
        '数据库 {path} 中记录已升级步骤的表（schema_migrations）缺少记录，但对应的数据表已存在：数据库被改动或损坏。',
      action: '',
      restore: true,
    },
    database_from_newer_app: {
      cause: '数据库 {path} 已被更新版本的程序升级（步骤 {migration}），当前版本没有这一步骤，无法使用。',
      action: '请安装最新版本的程序。数据库没有被改动。',
    },
    database_migration_changed: {
      cause: '升级步骤 {migration} 在应用到数据库 {path} 之后被修改过（校验值不符）。',
      action: '请重新安装程序。数据库没有被改动。',
    },
    database_migration_failed: {
      cause: '升级数据库 {path} 时，步骤 {migration} 失败；该步骤的改动已撤销。',
      action: '升级前的备份在 {backup}。请将日志发给技术支持；如需回到升级前的状态，退出程序后将备份复制为 {path}。',
    },
    data_folder_unusable: {
      cause: '无法使用数据文件夹 {path}（无法创建或没有写入权限）。',
      action: '请检查该文件夹的权限，或用环境变量 QA_DATA_DIR 指定另一个文件夹。',
    },
    token_weak: {
      cause: '环境变量 QA_TOKEN 指定的令牌太弱。',
      action:
        "令牌须至少 32 个字符，只含字母、数字、- 和 _，且足够随机，例如：node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"。不设置 QA_TOKEN 时每次启动会自动生成随机令牌。",
    },
    port_invalid: {
      cause: '环境变量 QA_PORT 不是有效的端口号。',
      action: '请使用 0 到 65535 之间的整数（0 表示自动选择）。',
    },
  },
  en: {
    database_missing: {
      cause:
        'The database {path} is missing, but the library folder {library} still holds {count} recordings; the app did not create a new, empty database over your work.',
      action: 'To start over with an empty library instead, move the library folder away first.',
      restore: true,
    },
    database_empty: {
      cause:
        'The database {path} is empty (0 bytes, or no tables), but the library folder {library} still holds {count} recordings; the app did not set it up as a new database over your work.',
      action: 'To start over with an empty library instead, move the library folder away first.',
      restore: true,
    },
    database_not_sqlite: {
      cause: '{path} is not a database this app can read (it may be damaged, or overwritten by another file).',
      action: '',
      restore: true,
    },
    database_corrupt: { cause: 'The database {path} is damaged.', action: '', restore: true },
    database_unopenable: {
      cause: 'The database {path} cannot be opened (no permission to read or write it, a full disk, or it is in use).',
      action: 'Check the permissions of the file and its folder and the free disk space, then start again.',
    },
    database_ledger_damaged: {
      cause:
        'The table in {path} that records which upgrade steps were applied (schema_migrations) is missing entries, yet their tables exist: the database was edited or damaged.',
      action: '',
      restore: true,
    },
    database_from_newer_app: {
      cause:
        'The database {path} was upgraded by a newer version of the app, with step {migration}, which this version does not have.',
      action: 'Install the newest version of the app. The database was left untouched.',
    },
    database_migration_changed: {
      cause: 'The upgrade step {migration} has changed since it was applied to {path} (checksum mismatch).',
      action: 'Reinstall the app. The database was left untouched.',
    },
    database_migration_failed: {
      cause: 'Upgrading the database {path} failed at step {migration}; that step was rolled back.',
      action:
        'The copy taken before the upgrade is {backup}. Send the log to support; to go back to it, quit and copy it to {path}.',
    },
    data_folder_unusable: {
      cause: 'The data folder {path} cannot be used (it cannot be created, or is not writable).',
      action: 'Check the folder’s permissions, or choose another folder with the QA_DATA_DIR environment variable.',
    },
    token_weak: {
      cause: 'The token in QA_TOKEN is too weak.',
      action:
        "Use at least 32 random characters from letters, digits, - and _, e.g. node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\". Without QA_TOKEN a random token is made at every start.",
    },
    port_invalid: {
      cause: 'QA_PORT is not a port number.',
      action: 'Use a whole number from 0 to 65535 (0 picks a free port).',
    },
  },
};

/** The problem in one language: cause, then what to do, then the system's own words if any. */
export function describeStartupProblem(problem: StartupProblem, language: StartupLanguage): string {
  const w = words[language][problem.code];
  const restore = !w.restore
    ? ''
    : problem.backup
      ? language === 'en'
        ? restoreEn
        : restoreZh
      : language === 'en'
        ? noBackupEn
        : noBackupZh;
  const action = [restore, w.action].filter(Boolean).join(language === 'en' ? ' ' : '');
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (match, key: string) => {
      const value = problem[key as keyof StartupProblem];
      return value === undefined ? match : String(value);
    });
  const detail = problem.detail ? `\n(${language === 'en' ? 'details' : '详细信息'}: ${problem.detail})` : '';
  return `${fill(w.cause)}\n${fill(action)}${detail}`;
}

/** Both languages at once, for places that cannot know the user's language (the settings may be unreadable). */
export function describeStartupProblemBilingual(problem: StartupProblem): string {
  return `${describeStartupProblem(problem, 'zh-CN')}\n\n${describeStartupProblem(problem, 'en')}`;
}
