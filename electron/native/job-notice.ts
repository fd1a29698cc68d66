/**
 * What the OS notification says when a long job (an import, a sync) ends. Pure, so tested; main.ts shows it only
 * when the window is not in front, since then the user is doing something else while waiting.
 */
import type { EventPayload } from '../../shared/api';
import type { Language } from '../../shared/settings';

/** Jobs shorter than this end while the user is still watching the progress bar: no notification. */
export const longJobMs = 10_000;

type Finished = EventPayload<'job.finished'>;

const text = {
  'zh-CN': {
    import: '录音导入',
    sync: '同步',
    other: '任务',
    done: '已完成',
    failed: '失败',
    cancelled: '已取消',
    took: (s: string) => `用时 ${s}`,
  },
  en: {
    import: 'Recording import',
    sync: 'Sync',
    other: 'Job',
    done: 'finished',
    failed: 'failed',
    cancelled: 'was cancelled',
    took: (s: string) => `took ${s}`,
  },
};

function duration(ms: number, language: Language): string {
  const seconds = Math.round(ms / 1000);
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (language === 'zh-CN') return m ? `${m} 分 ${s} 秒` : `${s} 秒`;
  return m ? `${m} min ${s} s` : `${s} s`;
}

export function jobNotice(job: Finished, language: Language): { title: string; body: string } | null {
  if (job.elapsedMs < longJobMs) return null;
  const t = text[language];
  const what = /import/i.test(job.kind) ? t.import : /sync/i.test(job.kind) ? t.sync : t.other;
  const title = language === 'zh-CN' ? `${what}${t[job.outcome]}` : `${what} ${t[job.outcome]}`;
  const took = t.took(duration(job.elapsedMs, language));
  return { title, body: job.summary ? `${job.summary} · ${took}` : took };
}
