import { defineMessages } from '../../i18n/define';

/** The year-to-date period and the 合计 columns of the monthly report. */
export const cumulativeMessages = defineMessages(
  {
    'reports.period.ytd': '年初至今',
    'reports.ytd': '截至月份',
    'reports.cumulative': '合计',
    'reports.cumulative.span': '合计（{span}）',
  },
  {
    'reports.period.ytd': 'Year to date',
    'reports.ytd': 'Up to month',
    'reports.cumulative': 'Total',
    'reports.cumulative.span': 'Total ({span})',
  },
);
