/** Customer call-backs (回访): importing the call-back team's results and paging the monthly report's annex. */
import { z } from 'zod';
import type { CallbackAnnexPage, CallbackImportResult } from '../callbacks';
import { siteSchema } from '../report';
import { method } from './define';
import { reportsContract } from './reports';

export const callbacksContract = {
  'callbacks.import': method<CallbackImportResult>()(
    z
      .object({
        /** A CSV (UTF-8 or GBK) or xlsx file, one row per call-back. */
        path: z.string().min(1).max(4096),
        /** The 分公司 of rows that name no agent and no site of their own (default: a site user's own). */
        site: siteSchema.optional(),
      })
      .strict(),
    'Import call-back results (回访日期, 呼叫编号, 回访对象, 工号, 时限满意, 整体满意, 不满意原因, 意见建议; aliases ' +
      'accepted). Rows already held are counted as duplicates; bad rows are listed by row number and nothing of ' +
      'them is imported. Imported call-backs are synced to head office.',
  ),
  'callbacks.annex': method<CallbackAnnexPage>()(
    // the same page of the same month and scope as the evaluations' annex
    reportsContract['reports.annex'].input,
    "The monthly report's call-back annex: every call-back of the month in the scope, a page at a time.",
  ),
};
