import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeChanges, sameDefinition } from '../../renderer/features/scorecards/diff';
import { translate } from '../../renderer/i18n';
import { scorecardFileSchema } from '../../shared/scorecard';

const card = scorecardFileSchema.parse(
  JSON.parse(readFileSync(new URL('../../resources/scorecards/default-phone.json', import.meta.url), 'utf8')),
).definition;
const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
  translate('zh-CN', key, values);

describe('what a new version of a richer card changes', () => {
  it('a new root-cause list is a change worth publishing, listed as 扣分规则已修改', () => {
    const next = { ...structuredClone(card), rootCauses: [{ id: 'skill', label: '业务不熟' }], requireRootCause: true };
    expect(sameDefinition(card, next)).toBe(false);
    expect(describeChanges(t, card, next)).toEqual(['扣分规则已修改']);
  });

  it('options, a condition and a required comment are named among the item’s changed fields', () => {
    const next = structuredClone(card);
    const [greeting, reply] = next.sections[0].items;
    Object.assign(greeting, {
      kind: 'choice',
      options: [
        { id: 'met', label: '达标', points: 2 },
        { id: 'flat', label: '语气平淡', points: 1 },
      ],
    });
    reply.showIf = { item: greeting.id, answers: ['met'] };
    reply.requireComment = true;
    const changes = describeChanges(t, card, next);
    expect(changes.find((c) => c.includes(greeting.name))).toMatch(/类型.*选项/);
    expect(changes.find((c) => c.includes(reply.name))).toMatch(/显示条件.*必须填写评语/);
  });

  it('an unticked rule reads as never set: nothing to publish', () => {
    expect(sameDefinition(card, { ...structuredClone(card), requireCommentOnDeduction: false })).toBe(true);
  });
});
