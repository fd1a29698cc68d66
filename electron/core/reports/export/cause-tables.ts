/**
 * 五（1）按原因分类: the month's deductions by root cause as an export table, each cause followed by its sections and
 * items (the screen's drill-down), shares as fractions for the percent columns.
 */
import type { MonthlyReport } from '../../../../shared/report';
import type { Cell, Column, Table } from './tables';

const col = (header: string, kind: Column['kind'], width: number): Column => ({ header, kind, width });
const share = (v: number | null) => (v === null ? null : v / 100);

export const unclassifiedLabel = '未分类';

export function causeTable(m: MonthlyReport): Table {
  const rows: Cell[][] = [];
  for (const c of m.causes) {
    const label = c.causeId === '' ? unclassifiedLabel : c.label;
    rows.push([label, '', '', c.count, share(c.countShare), c.lostPoints, share(c.lostShare)]);
    for (const i of c.items) rows.push([label, i.sectionName, i.itemName, i.count, null, i.lostPoints, null]);
  }
  return {
    name: '五（1）扣分原因分类',
    title: `五、问题与改进建议（1）主要扣分项：按原因分类（${m.month}）`,
    columns: [
      col('原因分类', 'text', 20),
      col('分项', 'text', 20),
      col('评分项', 'text', 28),
      col('扣分次数', 'int', 10),
      col('次数占比', 'percent', 10),
      col('累计扣分', 'number', 10),
      col('失分占比', 'percent', 10),
    ],
    rows,
  };
}
