import { evaluateMessages } from '../features/evaluate/messages';
import { reportsMessages } from '../features/reports/messages';
import { scorecardsMessages } from '../features/scorecards/messages';
import { syncMessages } from '../features/sync/messages';
import { shellMessages } from './shell-messages';

// One line per feature that has its own messages.
export const catalogs = {
  'zh-CN': {
    ...shellMessages['zh-CN'],
    ...evaluateMessages['zh-CN'],
    ...scorecardsMessages['zh-CN'],
    ...syncMessages['zh-CN'],
    ...reportsMessages['zh-CN'],
  },
  en: {
    ...shellMessages.en,
    ...evaluateMessages.en,
    ...scorecardsMessages.en,
    ...syncMessages.en,
    ...reportsMessages.en,
  },
};

export type MessageKey = keyof (typeof catalogs)['zh-CN'];
