import { channelsMessages } from '../features/channels/messages';
import { coachingMessages } from '../features/coaching/messages';
import { disputesMessages } from '../features/disputes/messages';
import { calibrationMessages } from '../features/calibration/messages';
import { evaluateMessages } from '../features/evaluate/messages';
import { libraryMessages } from '../features/library/messages';
import { playerMessages } from '../features/player/messages';
import { evaluationViewMessages } from '../features/reports/evaluation/messages';
import { gradersMessages } from '../features/reports/graders/messages';
import { callbackMessages } from '../features/reports/callbacks/messages';
import { cumulativeMessages } from '../features/reports/cumulative-messages';
import { reportsMessages } from '../features/reports/messages';
import { narrativeMessages } from '../features/reports/narrative/messages';
import { reportsScopeMessages } from '../features/reports/scope-messages';
import { scorecardsMessages } from '../features/scorecards/messages';
import { syncCodeMessages } from '../features/sync/code-messages';
import { syncMessages } from '../features/sync/messages';
import { shellMessages } from './shell-messages';

// One line per feature that has its own messages.
export const catalogs = {
  'zh-CN': {
    ...shellMessages['zh-CN'],
    ...evaluateMessages['zh-CN'],
    ...scorecardsMessages['zh-CN'],
    ...syncMessages['zh-CN'],
    ...syncCodeMessages['zh-CN'],
    ...reportsMessages['zh-CN'],
    ...reportsScopeMessages['zh-CN'],
    ...evaluationViewMessages['zh-CN'],
    ...libraryMessages['zh-CN'],
    ...playerMessages['zh-CN'],
    ...disputesMessages['zh-CN'],
    ...coachingMessages['zh-CN'],
    ...calibrationMessages['zh-CN'],
    ...gradersMessages['zh-CN'],
    ...callbackMessages['zh-CN'],
    ...narrativeMessages['zh-CN'],
    ...cumulativeMessages['zh-CN'],
    ...channelsMessages['zh-CN'],
  },
  en: {
    ...shellMessages.en,
    ...evaluateMessages.en,
    ...scorecardsMessages.en,
    ...syncMessages.en,
    ...syncCodeMessages.en,
    ...reportsMessages.en,
    ...reportsScopeMessages.en,
    ...evaluationViewMessages.en,
    ...libraryMessages.en,
    ...playerMessages.en,
    ...disputesMessages.en,
    ...coachingMessages.en,
    ...calibrationMessages.en,
    ...gradersMessages.en,
    ...callbackMessages.en,
    ...narrativeMessages.en,
    ...cumulativeMessages.en,
    ...channelsMessages.en,
  },
};

export type MessageKey = keyof (typeof catalogs)['zh-CN'];
