/** The monthly report's dispute section and focus items as export tables (xlsx sheets, CSV blocks). */
import type { FocusItemView } from '../../../shared/contracts/disputes';
import type { MonthlyReport } from '../../../shared/report';
import type { Cell, Column, Table } from '../reports/export/tables';

const col = (header: string, kind: Column['kind'] = 'text', width = 12): Column => ({ header, kind, width });
const verdicts = { improved: '已改进', not_improved: '未改进', insufficient_data: '数据不足' } as const;

function focusRows(items: FocusItemView[]): Cell[][] {
  return items.map((f) => [
    f.agentNo ? `${f.agentName ?? ''} ${f.agentNo}`.trim() : f.team ? (f.teamName ?? f.team) : (f.site ?? ''),
    f.target.name,
    f.target.value,
    f.baseline.value,
    f.current.value,
    f.current.count,
    f.change,
    verdicts[f.verdict],
    f.note,
  ]);
}

const focusColumns = [
  col('对象', 'text', 16),
  col('分项/评分项', 'text', 30),
  col('目标均分', 'number'),
  col('上月均分', 'number'),
  col('当月均分', 'number'),
  col('当月评分数', 'int'),
  col('变化', 'number'),
  col('结论', 'text', 10),
  col('说明', 'text', 40),
];

/** The dispute statistics: an annex sheet beside the alerts (the report's numbered sections are the domain's seven). */
export function disputeTables(m: MonthlyReport): Table[] {
  const tables: Table[] = [];
  const d = m.disputes;
  if (d) {
    tables.push({
      name: '附 申诉',
      title: `附：申诉情况：评分 ${d.evaluations} 条，已确认 ${d.acknowledged} 条，申诉 ${d.disputes} 条，升级 ${d.escalated} 条`,
      columns: [
        col('类别', 'text', 10),
        col('工号/质检员/评分项', 'text', 24),
        col('申诉数', 'int'),
        col('申诉率', 'percent'),
        col('改判项', 'int'),
        col('改判率', 'percent'),
        col('裁定用时（小时）', 'number', 16),
      ],
      rows: [
        ...d.byAgent.map((a): Cell[] => [
          '坐席',
          `${a.name} ${a.agentNo}`,
          a.disputes,
          a.rate,
          a.overturned,
          null,
          null,
        ]),
        ...d.byInspector.map((i): Cell[] => [
          '质检员',
          i.name,
          i.disputes,
          i.rate,
          i.overturnedItems,
          i.overturnRate,
          i.decisionHours,
        ]),
        ...d.byItem.map((i): Cell[] => ['评分项', i.name, i.disputes, null, i.overturned, null, null]),
      ],
    });
  }
  return tables;
}

/** This month's focus items with their verdicts and next month's: the end of section 五 (next month's focus). */
export function focusTables(m: MonthlyReport): Table[] {
  if (!m.focus) return [];
  return [
    {
      name: '五（3）改进重点完成情况',
      title: `五、问题与改进建议（3）${m.month} 改进重点完成情况`,
      columns: focusColumns,
      rows: focusRows(m.focus.due),
    },
    {
      name: '五（4）下月改进重点',
      title: '五、问题与改进建议（4）下月改进重点',
      columns: focusColumns,
      rows: focusRows(m.focus.next),
    },
  ];
}
