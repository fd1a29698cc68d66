/**
 * 原因分类: the month's deductions by root cause, with a drill-down per section and item. A cause is named from the
 * card version its deductions were scored with (the newest such version wins when several used it), so a cause a
 * later version dropped keeps its label; deductions without a cause are 未分类 (id '').
 */
import type { DeductionCause } from '../../../shared/report';
import { percentOf } from '../../../shared/report-math';
import type { CardInfo } from './contribution';
import type { CauseAgg } from './repo';

/** The label 未分类 stands for; the page and the exports translate causeId '' themselves. */
export const unclassifiedCause = '';

export function deductionCauses(rows: CauseAgg[], cardOf: (key: number) => CardInfo): DeductionCause[] {
  type ItemAcc = DeductionCause['items'][number] & { lostX100: number };
  type CauseAcc = Omit<DeductionCause, 'items'> & { lostX100: number; labelVersion: number; items: ItemAcc[] };
  const byCause = new Map<string, CauseAcc>();
  const itemKeys = new Map<string, ItemAcc>();
  let allCount = 0;
  let allLost = 0;
  for (const r of rows) {
    const card = cardOf(r.cardKey);
    const label = card.definition.rootCauses?.find((c) => c.id === r.causeId)?.label;
    let cause = byCause.get(r.causeId);
    if (!cause) {
      cause = {
        causeId: r.causeId,
        label: label ?? r.causeId,
        labelVersion: label === undefined ? -1 : card.version,
        count: 0,
        lostPoints: 0,
        lostX100: 0,
        countShare: null,
        lostShare: null,
        items: [],
      };
      byCause.set(r.causeId, cause);
    } else if (label !== undefined && card.version > cause.labelVersion) {
      cause.label = label;
      cause.labelVersion = card.version;
    }
    cause.count += r.n;
    cause.lostX100 += r.lostX100;
    allCount += r.n;
    allLost += r.lostX100;
    const key = `${r.causeId}\u0001${r.itemId}`;
    let item = itemKeys.get(key);
    if (!item) {
      const section = card.definition.sections.find((s) => s.id === r.sectionId);
      const itemName = section?.items.find((i) => i.id === r.itemId)?.name ?? r.itemId;
      item = {
        sectionId: r.sectionId,
        sectionName: section?.name ?? r.sectionId,
        itemId: r.itemId,
        itemName,
        count: 0,
        lostPoints: 0,
        lostX100: 0,
      };
      itemKeys.set(key, item);
      cause.items.push(item);
    }
    item.count += r.n;
    item.lostX100 += r.lostX100;
  }
  const causes: DeductionCause[] = [...byCause.values()].map(({ lostX100, items, ...c }) => ({
    causeId: c.causeId,
    label: c.label,
    count: c.count,
    lostPoints: lostX100 / 100,
    countShare: percentOf(c.count, allCount),
    lostShare: percentOf(lostX100, allLost),
    items: items
      .map(({ lostX100: lost, ...i }) => ({ ...i, lostPoints: lost / 100 }))
      .sort((a, b) => b.lostPoints - a.lostPoints || b.count - a.count || a.itemId.localeCompare(b.itemId)),
  }));
  // Most points lost first; 未分类 last whatever its size, as it names no cause to act on.
  return causes.sort(
    (a, b) =>
      Number(a.causeId === unclassifiedCause) - Number(b.causeId === unclassifiedCause) ||
      b.lostPoints - a.lostPoints ||
      b.count - a.count ||
      a.causeId.localeCompare(b.causeId),
  );
}
