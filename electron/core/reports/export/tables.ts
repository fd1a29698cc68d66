import type { CallbackAnnexRow } from '../../../../shared/callbacks';
import {
  scoreModeTitles,
  type AgentComparison,
  type AnnexRow,
  type MonthlyReport,
  type ScoreMode,
  type SectionInfo,
} from '../../../../shared/report';
import type { SiteRanking } from '../../../../shared/report-math';
import { disputeTables, focusTables } from '../../disputes/report-tables';
import { causeTable } from './cause-tables';
import { callbackTables, cumulativeLabel, narrativeTables } from './monthly-extra-tables';

/**
 * Reports as plain tables with Chinese headers: the one model the xlsx and CSV writers share, so both files carry
 * exactly the numbers of the screen. The monthly report's tables are numbered as its sections are on screen and in
 * the PDF (一 … 六, a section with two tables as （1）（2）), in sheet names and CSV titles alike.
 */
export type Cell = string | number | null;

export interface Column {
  header: string;
  width: number;
  /** 'score': two decimals, red below the threshold; 'number': two decimals; 'int'; 'percent'; 'text'. */
  kind: 'score' | 'number' | 'int' | 'percent' | 'text';
  /** Full points of a score column (a section's points), so "below threshold" scales with it. */
  points?: number;
}

export interface Table {
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  name: string;
  title: string;
  columns: Column[];
  rows: Cell[][] | (() => Generator<Cell[][]>);
}

const col = (header: string, kind: Column['kind'] = 'score', width = 10): Column => ({ header, kind, width });
const sectionHeader = (s: SectionInfo) => `${s.name}（${s.points}分）`;
const sectionCol = (s: SectionInfo): Column => ({
  header: sectionHeader(s),
  kind: 'score',
  width: 16,
  points: s.points,
});
export const categoryLabel = (c: string) => c || '未分类';
/** Which score a table shows, in its title: 最终得分 or 致命项前得分. */
export const modeLabel = (mode: ScoreMode) => `（${scoreModeTitles[mode].zh}）`;
/** Σ section averages + 舍入差 = average total (shared/report-math.ts roundingDifference). */
const differenceCol = (): Column => col('舍入差', 'number', 8);

export function comparisonTable(c: AgentComparison, name = '坐席对比', title = '坐席质检对比'): Table {
  return {
    name,
    title: `${title} ${c.from} 至 ${c.to}${c.teamName ? ` · ${c.teamName}` : ''}${modeLabel(c.scoreMode)}`,
    columns: [
      col('工号', 'text', 10),
      col('姓名', 'text', 10),
      col('班组', 'text', 12),
      col('质检量', 'int', 8),
      col('平均分'),
      ...c.sections.map(sectionCol),
      differenceCol(),
      col('最低分'),
      col('最高分'),
      col('致命项次数', 'int', 10),
      col('上期平均分'),
      col('环比变化', 'number'),
    ],
    rows: [
      ...c.rows.map((r) => [
        r.agentNo,
        r.name,
        r.teamName,
        r.count,
        r.total,
        ...c.sections.map((s) => r.sections[s.id]),
        r.difference,
        r.min,
        r.max,
        r.criticalFails,
        r.previousTotal,
        r.delta,
      ]),
      [
        '合计',
        '',
        '',
        c.overall.count,
        c.overall.total,
        ...c.sections.map((s) => c.overall.sections[s.id]),
        c.overall.difference,
        c.overall.min,
        c.overall.max,
        c.overall.criticalFails,
        c.overall.previousTotal,
        c.overall.delta,
      ],
    ],
  };
}

/** 分公司排名: average total and sections against the overall average, and the change against the last period. */
export function siteRankingTable(r: SiteRanking): Table {
  return {
    name: '分公司排名',
    title: `分公司质检排名 ${r.from} 至 ${r.to}（上期 ${r.previous.from} 至 ${r.previous.to}）${modeLabel(r.scoreMode)}`,
    columns: [
      col('排名', 'int', 6),
      col('分公司', 'text', 14),
      col('质检量', 'int', 8),
      col('平均分'),
      col('与全体差', 'number'),
      ...r.sections.map(sectionCol),
      differenceCol(),
      col('致命项次数', 'int', 10),
      col('上期平均分'),
      col('环比变化', 'number'),
    ],
    rows: [
      ...r.rows.map((row) => [
        row.rank,
        row.site || '未填分公司',
        row.count,
        row.total,
        row.vsOverall,
        ...r.sections.map((s) => row.sections[s.id]),
        row.difference,
        row.criticalFails,
        row.previousTotal,
        row.change,
      ]),
      [
        null,
        '全体',
        r.overall.count,
        r.overall.total,
        null,
        ...r.sections.map((s) => r.overall.sections[s.id]),
        r.overall.difference,
        r.overall.criticalFails,
        r.overall.previousTotal,
        r.overall.delta,
      ],
    ],
  };
}

export function annexColumns(sections: SectionInfo[]): Column[] {
  return [
    col('日期', 'text', 11),
    col('通话时间', 'text', 20),
    col('工号', 'text', 10),
    col('姓名', 'text', 10),
    col('业务类别', 'text', 10),
    col('通话编号', 'text', 16),
    col('录音文件', 'text', 28),
    col('总分'),
    ...sections.map(sectionCol),
    col('致命项', 'text', 8),
    col('版本', 'int', 6),
    col('质检员', 'text', 10),
    col('问题标签', 'text', 24),
    col('评语', 'text', 40),
  ];
}

export function annexCells(r: AnnexRow, sections: SectionInfo[]): Cell[] {
  return [
    r.day,
    r.startedAt,
    r.agentNo,
    r.name,
    categoryLabel(r.category),
    r.callId,
    r.fileName,
    r.total,
    ...sections.map((s) => r.sections[s.id] ?? null),
    r.criticalFailed ? '是' : '',
    r.revision,
    r.inspectorName,
    r.findings.join('、'),
    r.comment,
  ];
}

export function monthlyTables(
  m: MonthlyReport,
  annex: () => Generator<AnnexRow[]>,
  callbackAnnex: () => Generator<CallbackAnnexRow[]> = function* () {},
): Table[] {
  const months = m.months;
  const at = months.length - 1;
  const total = cumulativeLabel(m);
  return [
    {
      name: '一（1）业务类别抽检量',
      title: '一、抽检量（1）各业务类别抽检量（通）及平均分',
      columns: [
        col('业务类别', 'text', 12),
        ...months.map((mo) => col(`${mo} 抽检量`, 'int', 12)),
        col(`${m.month} 平均分`),
        col(`${total} 抽检量`, 'int', 16),
        col(`${total} 平均分`, 'score', 16),
      ],
      rows: [
        ...m.volume.categories.map((c) => [
          categoryLabel(c.category),
          ...c.counts,
          c.averages[at],
          c.cumulative.count,
          c.cumulative.average,
        ]),
        ['合计', ...m.volume.totals, m.volume.averages[at], m.volume.cumulative.count, m.volume.cumulative.average],
      ],
    },
    {
      name: '一（2）坐席抽检量',
      title: `一、抽检量（2）坐席每月抽检量（${m.quotaSource === 'head_office' ? '总部抽检目标' : `每人每月 ${m.quotaPerAgent} 通`}）`,
      columns: [
        col('工号', 'text'),
        col('姓名', 'text'),
        ...months.map((mo) => col(mo, 'int', 10)),
        col(total, 'int', 16),
        col('目标', 'int', 8),
        col('本月达标', 'text', 10),
      ],
      rows: [
        ...m.quota.map((q) => [q.agentNo, q.name, ...q.counts, q.cumulative, q.quota, q.met ? '是' : '否']),
        ['合计', '', ...m.volume.totals, m.volume.cumulative.count, null, null],
      ],
    },
    {
      name: '二 成绩趋势',
      title: `二、坐席月度平均成绩趋势${modeLabel(m.scoreMode)}`,
      columns: [col('工号', 'text'), col('姓名', 'text'), ...months.map((mo) => col(mo))],
      rows: [...m.trend.map((a) => [a.agentNo, a.name, ...a.totals]), ['全体', '', ...m.sectionTotals.totals]],
    },
    {
      name: '三 分项均分',
      title: `三、各分项月度平均分与满分${modeLabel(m.scoreMode)}`,
      columns: [
        col('分项', 'text', 24),
        col('满分', 'number', 8),
        ...months.map((mo) => col(mo)),
        col('得分率', 'percent'),
      ],
      rows: [
        ...m.sections.map((s) => {
          const v = m.sectionAverages[s.id] ?? [];
          const now = v[at] ?? null;
          return [s.name, s.points, ...months.map((_, i) => v[i] ?? null), now === null ? null : now / s.points];
        }),
        ['舍入差', null, ...m.sectionTotals.differences, null],
        [
          '总分',
          100,
          ...m.sectionTotals.totals,
          m.sectionTotals.totals[at] === null ? null : (m.sectionTotals.totals[at] as number) / 100,
        ],
      ],
    },
    comparisonTable(m.comparison, '四 坐席分项对比', `四、坐席分项成绩对比（${m.month}）`),
    {
      name: '五（1）扣分项',
      title: '五、问题与改进建议（1）主要扣分项与质检员评语',
      columns: [
        col('分项', 'text', 20),
        col('评分项', 'text', 28),
        col('扣分次数', 'int'),
        col('评分次数', 'int'),
        col('累计扣分', 'number'),
        col('失分率', 'percent'),
        col('致命项次数', 'int'),
        col('典型评语', 'text', 60),
      ],
      rows: m.deductions.map((d) => [
        d.sectionName,
        d.itemName,
        d.deducted,
        d.answered,
        d.lostPoints,
        d.lostRate,
        d.criticalFails,
        d.comments.map((c) => `${c.text}（${c.count}）`).join('；'),
      ]),
    },
    causeTable(m),
    {
      name: '五（2）问题标签与建议',
      title: '五、问题与改进建议（2）问题标签与改进建议',
      columns: [col('类型', 'text', 10), col('内容', 'text', 60), col('次数', 'int')],
      rows: [
        ...m.findings.map((f) => ['问题标签', f.text, f.count]),
        ...m.suggestions.map((s) => ['改进建议', s.text, s.count]),
      ],
    },
    ...focusTables(m),
    ...narrativeTables(m),
    ...callbackTables(m, callbackAnnex),
    {
      name: '七 附件 评分明细',
      title: `七、附件：${m.month} 逐通质检评分明细${modeLabel(m.scoreMode)}`,
      columns: annexColumns(m.sections),
      rows: function* () {
        for (const chunk of annex()) yield chunk.map((r) => annexCells(r, m.sections));
      },
    },
    {
      name: '附 预警',
      title: '附：预警',
      columns: [
        col('类型', 'text', 14),
        col('工号/分项', 'text', 14),
        col('姓名/分项名', 'text', 20),
        col('数值', 'number'),
        col('阈值', 'number'),
      ],
      rows: m.alerts.map((a) => [
        alertLabel[a.kind],
        a.agentNo ?? a.sectionId ?? '',
        a.name ?? a.sectionName ?? '',
        a.value,
        a.threshold,
      ]),
    },
    ...disputeTables(m),
  ];
}

export const alertLabel = {
  drop: '成绩下滑',
  below: '低于分数线',
  quota: '抽检量未达标',
  sectionDown: '分项持续下降',
} as const;
