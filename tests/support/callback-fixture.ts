/**
 * A call-back file with the real monthly report's figures (domain.md, issue 20): January 189 call-backs, 181
 * satisfied with the resolution time, 184 overall (97.35%); February 321 / 297 / 314 (97.82%); March 717 / 640 / 657
 * (91.63%). By caller group: February 分公司 298 at 98.66% and 客户 23 at 86.96%, March 568 at 94.01% and 149 at
 * 82.55%. (The report's January split sums to 183 satisfied, one short of its own 184; here January's 分公司 has
 * 170 of 175 satisfied so the month adds up.) March's 60 dissatisfied call-backs carry reasons and some rows carry
 * suggestions; 70 of March's call-backs name the calls of tests/support/report-fixture.ts's March evaluations
 * (C141–C210), so they link to those evaluations and agents.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export const callbackHeader = [
  '回访日期',
  '呼叫编号',
  '回访对象',
  '工号',
  '时限满意',
  '整体满意',
  '不满意原因',
  '意见建议',
];

interface GroupPlan {
  group: string;
  total: number;
  satisfied: number;
}

interface MonthPlan {
  month: string;
  days: number;
  /** Satisfied with the resolution time, over the month. */
  timeSatisfied: number;
  groups: GroupPlan[];
}

export const callbackPlan: MonthPlan[] = [
  {
    month: '2026-01',
    days: 31,
    timeSatisfied: 181,
    groups: [
      { group: '分公司', total: 175, satisfied: 170 },
      { group: '客户', total: 14, satisfied: 14 },
    ],
  },
  {
    month: '2026-02',
    days: 28,
    timeSatisfied: 297,
    groups: [
      { group: '分公司', total: 298, satisfied: 294 },
      { group: '客户', total: 23, satisfied: 20 },
    ],
  },
  {
    month: '2026-03',
    days: 31,
    timeSatisfied: 640,
    groups: [
      { group: '分公司', total: 568, satisfied: 534 },
      { group: '客户', total: 149, satisfied: 123 },
    ],
  },
];

/** March's 60 dissatisfied call-backs by reason. */
export const marchReasons: [string, number][] = [
  ['处理时间过长', 22],
  ['问题未彻底解决', 15],
  ['服务态度不好', 9],
  ['多次转接', 8],
  ['未及时回复进展', 6],
];

export const marchSuggestions: [string, number][] = [
  ['希望缩短处理时间', 12],
  ['增加网上自助查询', 7],
  ['客服应更熟悉业务', 5],
];

/** The expected figures, as the report and the exports must show them. */
export const expectedRates = {
  months: { '2026-01': 97.35, '2026-02': 97.82, '2026-03': 91.63 },
  groups: {
    '2026-02': { 分公司: 98.66, 客户: 86.96 },
    '2026-03': { 分公司: 94.01, 客户: 82.55 },
  },
} as const;

/** March's linked call-backs: the report fixture's March calls and how many of them were satisfied. */
export const linkedCalls = Array.from({ length: 70 }, (_, i) => `C${141 + i}`);

/** Rows of the file (without the header), in date order. */
export function callbackRows(): string[][] {
  const rows: string[][] = [];
  for (const plan of callbackPlan) {
    const march = plan.month === '2026-03';
    const reasons = march ? marchReasons.flatMap(([r, n]) => Array<string>(n).fill(r)) : [];
    const suggestions = march ? marchSuggestions.flatMap(([s, n]) => Array<string>(n).fill(s)) : [];
    const total = plan.groups.reduce((a, g) => a + g.total, 0);
    const dissatisfied = plan.groups.reduce((a, g) => a + g.total - g.satisfied, 0);
    // Everyone dissatisfied overall was dissatisfied with the time too; a few satisfied ones were as well.
    let extraLate = total - plan.timeSatisfied - dissatisfied;
    if (extraLate < 0) throw new Error('fixture: more dissatisfied than late');
    let k = 0;
    let linked = 0;
    for (const g of plan.groups) {
      for (let i = 0; i < g.total; i++) {
        const satisfied = i >= g.total - g.satisfied;
        let timeOk = satisfied;
        if (satisfied && extraLate > 0 && i % 5 === 0) {
          timeOk = false;
          extraLate--;
        }
        const day = `${plan.month}-${String(1 + (k % plan.days)).padStart(2, '0')}`;
        const callId = march && g.group === '客户' && linked < linkedCalls.length ? linkedCalls[linked++] : '';
        rows.push([
          day,
          callId,
          g.group,
          '',
          timeOk ? '是' : '否',
          satisfied ? '是' : '否',
          satisfied ? '' : (reasons.shift() ?? ''),
          k % 9 === 0 ? (suggestions.shift() ?? '') : '',
        ]);
        k++;
      }
    }
    if (extraLate !== 0) throw new Error(`fixture: ${extraLate} late call-backs not placed in ${plan.month}`);
  }
  return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The file as Excel in China saves a CSV: GB18030 (GBK), CRLF, no BOM. */
export function writeCallbackCsvGbk(path: string, rows = callbackRows()): void {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = [callbackHeader, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
  writeFileSync(path, iconv.encode(text, 'gb18030'));
}

/** The same rows as an xlsx workbook (dates as real date cells, 是/否 as text). */
export async function writeCallbackXlsx(path: string, rows = callbackRows()): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('回访明细');
  sheet.addRow(callbackHeader);
  for (const r of rows) {
    const [y, m, d] = r[0].split('-').map(Number);
    sheet.addRow([new Date(Date.UTC(y, m - 1, d)), ...r.slice(1)]);
  }
  sheet.getColumn(1).numFmt = 'yyyy-mm-dd';
  await workbook.xlsx.writeFile(path);
}
