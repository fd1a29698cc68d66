/**
 * Child process for the autosave-survives-kill test: saves drafts in a loop through the real core and prints each
 * state once saveDraft has returned. The parent SIGKILLs it at an arbitrary moment.
 */
import { createCore } from '../../electron/core/core';

const [dataDir, recordingId] = process.argv.slice(2);
const core = createCore({ dataDir, transport: 'cli' });
const [card] = await core.call('scorecards.list', { latestOnly: true });
const items = card.sections.flatMap((s) => s.items);
for (let n = 0; ; n++) {
  const answers = Object.fromEntries(
    items.slice(0, (n % items.length) + 1).map((i) => [i.id, i.kind === 'points' ? 0 : 'fail'] as const),
  );
  const state = {
    scorecardId: card.id,
    scorecardVersion: card.version,
    answers,
    itemComments: { [items[0].id]: `第 ${n} 次保存` },
    // Every field the evaluate page sends, so the draft read back is exactly what was saved.
    rootCauses: {},
    comment: `草稿 ${n}`,
    findings: ['抢话'],
    suggestion: '',
    reason: '',
    focusItemId: items[n % items.length].id,
  };
  await core.call('evaluations.saveDraft', { recordingId, state });
  process.stdout.write(`${JSON.stringify(state)}\n`);
}
