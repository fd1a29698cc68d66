/**
 * The monthly report's tables beyond the evaluations' own: 五's narratives (the leads' words, with their quotes) and
 * 六, the call-backs with their annex. Rates are the report's own percentages (two decimals, computed once in the
 * core), written as numbers under a "（%）" header so Excel shows exactly the figure on screen.
 */
import type { CallbackAnnexRow, CallbackGroupMonth } from '../../../../shared/callbacks';
import { isEmptyNarrative, type NarrativeQuote } from '../../../../shared/narrative';
import type { MonthlyReport } from '../../../../shared/report';
import { percentOf } from '../../../../shared/report-math';
import type { Cell, Column, Table } from './tables';

const col = (header: string, kind: Column['kind'] = 'text', width = 12): Column => ({ header, kind, width });
const yesNo = (v: boolean) => (v ? '是' : '否');

/** The 合计 column's header: the months it adds up. */
export function cumulativeLabel(m: MonthlyReport): string {
  const { from, to } = m.cumulative;
  return from === to ? `合计（${to}）` : `合计（${from} 至 ${to}）`;
}

export function quoteText(q: NarrativeQuote): string {
  return `“${q.text}”（${q.agentName || q.agentNo} ${q.day}${q.itemName ? ` · ${q.itemName}` : ''}）`;
}

/** 五、问题分析与改进: one row per part of each team's narrative. */
export function narrativeTables(m: MonthlyReport): Table[] {
  const rows: Cell[][] = [];
  for (const n of m.narratives) {
    if (isEmptyNarrative(n.body)) continue;
    for (const s of n.body.sections) {
      if (!s.problems.trim() && s.quotes.length === 0) continue;
      rows.push([n.teamName, '发现的问题', s.name, s.problems.trim(), s.quotes.map(quoteText).join('\n')]);
    }
    const parts: [string, string][] = [
      ['需培训的知识点', n.body.training],
      ['改进措施', n.body.measures],
      ['下月工作重点', n.body.nextFocus],
    ];
    for (const [part, text] of parts) if (text.trim()) rows.push([n.teamName, part, '', text.trim(), '']);
    if (n.body.focusItemIds.length) {
      rows.push([n.teamName, '跟踪的改进重点', '', `${n.body.focusItemIds.length} 项`, n.body.focusItemIds.join('\n')]);
    }
  }
  return [
    {
      name: '五（5）分析与改进',
      title: `五、问题与改进建议（5）问题分析、培训需求与下月工作重点（${m.month}）`,
      columns: [
        col('班组'),
        col('部分', 'text', 14),
        col('分项', 'text', 18),
        col('内容', 'text', 60),
        col('引用评语', 'text', 60),
      ],
      rows,
    },
  ];
}

function groupCells(groups: CallbackGroupMonth[], name: string, months: string[]): Cell[] {
  return months.flatMap((mo) => {
    const g = groups.find((x) => x.group === name && x.month === mo);
    return [g?.total ?? 0, g?.satisfied ?? 0, g?.rate ?? null];
  });
}

function annexCells(r: CallbackAnnexRow): Cell[] {
  return [
    r.date,
    r.group,
    r.callId,
    r.agentNo,
    r.agentName,
    yesNo(r.timeSatisfied),
    yesNo(r.overallSatisfied),
    r.reason,
    r.suggestion,
    r.evaluationTotal,
  ];
}

/** 六、客户回访: per month with 合计, per caller group, reasons, suggestions, per agent, and the annex. */
export function callbackTables(m: MonthlyReport, annex: () => Generator<CallbackAnnexRow[]>): Table[] {
  const cb = m.callbacks;
  const total = cumulativeLabel(m);
  const dissatisfied = cb.reasons.reduce((a, r) => a + r.count, 0);
  const names = cb.groupTotals.map((g) => g.group);
  return [
    {
      name: '六（1）回访满意度',
      title: '六、客户回访（1）回访量、时限满意、整体满意、满意率',
      columns: [
        col('月份'),
        col('回访量', 'int', 10),
        col('时限满意', 'int', 10),
        col('整体满意', 'int', 10),
        col('满意率（%）', 'number', 12),
        col('时限满意率（%）', 'number', 14),
      ],
      rows: [
        ...cb.months.map((x) => [x.month, x.total, x.timeSatisfied, x.overallSatisfied, x.rate, x.timeRate]),
        [
          total,
          cb.cumulative.total,
          cb.cumulative.timeSatisfied,
          cb.cumulative.overallSatisfied,
          cb.cumulative.rate,
          cb.cumulative.timeRate,
        ],
      ],
    },
    {
      name: '六（2）回访对象',
      title: '六、客户回访（2）按回访对象的满意率',
      columns: [
        col('回访对象'),
        ...m.months.flatMap((mo) => [
          col(`${mo} 回访量`, 'int'),
          col(`${mo} 满意`, 'int'),
          col(`${mo} 满意率（%）`, 'number', 16),
        ]),
        col(`${total} 回访量`, 'int', 16),
        col(`${total} 满意`, 'int', 16),
        col(`${total} 满意率（%）`, 'number', 20),
      ],
      rows: names.map((name) => {
        const t = cb.groupTotals.find((g) => g.group === name)!;
        return [name, ...groupCells(cb.groups, name, m.months), t.total, t.satisfied, t.rate];
      }),
    },
    {
      name: '六（3）不满意原因',
      title: `六、客户回访（3）不满意原因（${m.month}，共 ${dissatisfied} 例）`,
      columns: [col('不满意原因', 'text', 30), col('例数', 'int', 8), col('占比（%）', 'number', 10)],
      rows: cb.reasons.map((r) => [r.text || '未说明原因', r.count, percentOf(r.count, dissatisfied)]),
    },
    {
      name: '六（4）意见建议',
      title: `六、客户回访（4）客户意见建议（${m.month}）`,
      columns: [col('意见建议', 'text', 60), col('次数', 'int', 8)],
      rows: cb.suggestions.map((s) => [s.text, s.count]),
    },
    {
      name: '六（5）坐席回访',
      title: `六、客户回访（5）坐席回访满意度与质检成绩（${m.month}）`,
      columns: [
        col('工号', 'text', 10),
        col('姓名', 'text', 10),
        col('回访量', 'int', 8),
        col('满意', 'int', 8),
        col('满意率（%）', 'number', 12),
        col('质检平均分', 'score', 12),
        col('被回访通话均分', 'score', 14),
        col('关联通话数', 'int', 10),
      ],
      rows: cb.agents.map((a) => [
        a.agentNo,
        a.name,
        a.total,
        a.satisfied,
        a.rate,
        a.qaAverage,
        a.linkedAverage,
        a.linkedCount,
      ]),
    },
    {
      name: '六（6）回访明细',
      title: `六、客户回访（6）${m.month} 回访明细（${cb.annexCount} 条）`,
      columns: [
        col('回访日期', 'text', 11),
        col('回访对象', 'text', 10),
        col('呼叫编号', 'text', 16),
        col('工号', 'text', 10),
        col('姓名', 'text', 10),
        col('时限满意', 'text', 8),
        col('整体满意', 'text', 8),
        col('不满意原因', 'text', 24),
        col('意见建议', 'text', 40),
        col('质检得分', 'score', 10),
      ],
      rows: function* () {
        for (const chunk of annex()) yield chunk.map(annexCells);
      },
    },
  ];
}
