import { List, Table } from 'antd';
import type {
  CallbackAgent,
  CallbackCount,
  CallbackGroupMonth,
  CallbackMonth,
  CallbackSection,
} from '../../../../shared/callbacks';
import type { MonthlyReport } from '../../../../shared/report';
import { percentOf } from '../../../../shared/report-math';
import { useT } from '../../../i18n';
import { spanLabel } from '../cumulative';

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(2)}%`);
const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** Call-backs, the two satisfied counts and the rates per month, with the 合计 row. */
export function CallbackMonthsTable({ m }: { m: MonthlyReport }) {
  const t = useT();
  const cb = m.callbacks;
  const c = cb.cumulative;
  return (
    <Table<CallbackMonth>
      className="report-table"
      size="small"
      pagination={false}
      rowKey="month"
      title={() => t('callbacks.byMonth')}
      dataSource={cb.months}
      columns={[
        { title: t('callbacks.month'), dataIndex: 'month' },
        { title: t('callbacks.total'), dataIndex: 'total', align: 'right' },
        { title: t('callbacks.timeSatisfied'), dataIndex: 'timeSatisfied', align: 'right' },
        { title: t('callbacks.overallSatisfied'), dataIndex: 'overallSatisfied', align: 'right' },
        {
          title: t('callbacks.rate'),
          dataIndex: 'rate',
          align: 'right',
          render: (v: number | null, r) => <span data-testid={`callback-rate-${r.month}`}>{pct(v)}</span>,
        },
        { title: t('callbacks.timeRate'), dataIndex: 'timeRate', align: 'right', render: pct },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <strong>{t('callbacks.cumulative', { span: spanLabel(m) })}</strong>
          </Table.Summary.Cell>
          {[c.total, c.timeSatisfied, c.overallSatisfied].map((v, i) => (
            <Table.Summary.Cell key={i} index={1 + i} align="right">
              {v}
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={4} align="right">
            <strong data-testid="callback-rate-total">{pct(c.rate)}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={5} align="right">
            {pct(c.timeRate)}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** Per caller group: call-backs and satisfaction each month, and the 合计 columns. */
export function CallbackGroupsTable({ m }: { m: MonthlyReport }) {
  const t = useT();
  const cb = m.callbacks;
  const cell = (month: string, group: string): CallbackGroupMonth | undefined =>
    cb.groups.find((g) => g.month === month && g.group === group);
  const pair = (g: CallbackGroupMonth | undefined, testId: string) =>
    g ? (
      <>
        {g.total} / <span data-testid={testId}>{pct(g.rate)}</span>
      </>
    ) : (
      '—'
    );
  return (
    <Table<CallbackGroupMonth>
      className="report-table"
      size="small"
      pagination={false}
      rowKey="group"
      title={() => `${t('callbacks.byGroup')}（${t('callbacks.total')} / ${t('callbacks.rate')}）`}
      dataSource={cb.groupTotals}
      columns={[
        { title: t('callbacks.group'), dataIndex: 'group' },
        ...m.months.map((month) => ({
          title: month,
          key: month,
          align: 'right' as const,
          render: (_: unknown, r: CallbackGroupMonth) =>
            pair(cell(month, r.group), `callback-group-rate-${month}-${r.group}`),
        })),
        {
          title: t('callbacks.cumulative', { span: spanLabel(m) }),
          key: 'total',
          align: 'right',
          render: (_: unknown, r: CallbackGroupMonth) => pair(r, `callback-group-rate-total-${r.group}`),
        },
      ]}
    />
  );
}

export function CallbackReasons({ m }: { m: MonthlyReport }) {
  const t = useT();
  const reasons = m.callbacks.reasons;
  const count = reasons.reduce((a, r) => a + r.count, 0);
  return (
    <Table<CallbackCount>
      className="report-table"
      size="small"
      pagination={false}
      rowKey="text"
      title={() => t('callbacks.reasons', { month: m.month, count })}
      dataSource={reasons}
      columns={[
        {
          title: t('callbacks.reason'),
          dataIndex: 'text',
          render: (text: string) => text || t('callbacks.reason.none'),
        },
        { title: t('callbacks.count'), dataIndex: 'count', align: 'right' },
        {
          title: t('callbacks.share'),
          key: 'share',
          align: 'right',
          render: (_: unknown, r: CallbackCount) => pct(percentOf(r.count, count)),
        },
      ]}
    />
  );
}

export function CallbackSuggestions({ m }: { m: MonthlyReport }) {
  const t = useT();
  return (
    <List
      size="small"
      header={t('callbacks.suggestions', { month: m.month })}
      dataSource={m.callbacks.suggestions}
      renderItem={(s) => <List.Item>{`${s.text}（${s.count}）`}</List.Item>}
    />
  );
}

export function CallbackAgents({ m }: { m: MonthlyReport }) {
  const t = useT();
  const cb: CallbackSection = m.callbacks;
  return (
    <Table<CallbackAgent>
      className="report-table"
      size="small"
      pagination={false}
      rowKey="agentNo"
      title={() => t('callbacks.agents', { month: m.month })}
      dataSource={cb.agents}
      columns={[
        { title: t('reports.col.agentNo'), dataIndex: 'agentNo' },
        { title: t('reports.col.name'), dataIndex: 'name' },
        { title: t('callbacks.total'), dataIndex: 'total', align: 'right' },
        { title: t('callbacks.satisfied'), dataIndex: 'satisfied', align: 'right' },
        { title: t('callbacks.rate'), dataIndex: 'rate', align: 'right', render: pct },
        { title: t('callbacks.qaAverage'), dataIndex: 'qaAverage', align: 'right', render: fmt },
        { title: t('callbacks.linkedAverage'), dataIndex: 'linkedAverage', align: 'right', render: fmt },
      ]}
    />
  );
}
