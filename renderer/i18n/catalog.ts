import { shellMessages } from './shell-messages';

// One line per feature that has its own messages.
export const catalogs = {
  'zh-CN': { ...shellMessages['zh-CN'] },
  en: { ...shellMessages.en },
};

export type MessageKey = keyof (typeof catalogs)['zh-CN'];
