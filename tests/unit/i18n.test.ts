import { describe, expect, it } from 'vitest';
import { translate } from '../../renderer/i18n';

describe('messages', () => {
  it('pick the English singular or plural by the number, and leave Chinese as it is', () => {
    expect(translate('en', 'lib.count', { total: 1 })).toBe('1 recording');
    expect(translate('en', 'lib.count', { total: 216 })).toBe('216 recordings');
    expect(translate('en', 'reports.alert.quota', { name: '周敏', value: 0, threshold: 10 })).toBe(
      '周敏: 0 of 10 calls monitored this month',
    );
    expect(translate('zh-CN', 'lib.count', { total: 1 })).toBe('共 1 条录音');
  });
});
