import { Table, Tag } from 'antd';
import type { MonthlyReport } from '../../../shared/report';
import { useT } from '../../i18n';
import { spanLabel } from './cumulative';

type QuotaRow = MonthlyReport['quota'][number];

/**
 * Calls per agent per month against each agent's own quota, and whose quota it is: head office's sampling targets
 * (they differ per agent or team) or, where head office set none, this app's setting.
 */
export function QuotaTable({ m }: { m: MonthlyReport }) {
  const t = useT();
  const source =
    m.quotaSource === 'head_office'
      ? t('reports.quota.headOffice')
      : t('reports.quota.local', { quota: m.quotaPerAgent });
  return (
    <Table<QuotaRow>
      className="report-table"
      size="small"
      pagination={false}
      rowKey="agentNo"
      title={() => (
        <>
          {t('reports.m.volume.byAgent')}
          <span className="report-quota-source" data-testid="quota-source">
            {source}
          </span>
        </>
      )}
      dataSource={m.quota}
      columns={[
        { title: t('reports.col.name'), dataIndex: 'name' },
        ...m.months.map((mo, i) => ({
          title: mo,
          key: mo,
          align: 'right' as const,
          render: (_: unknown, r: QuotaRow) => r.counts[i],
        })),
        {
          title: t('reports.cumulative.span', { span: spanLabel(m) }),
          dataIndex: 'cumulative',
          align: 'right',
        },
        { title: t('reports.quota.target'), dataIndex: 'quota', align: 'right' },
        {
          title: t('reports.quota.status'),
          dataIndex: 'met',
          render: (met: boolean) =>
            met ? (
              <Tag color="green">{t('reports.m.quotaMet')}</Tag>
            ) : (
              <Tag color="red">{t('reports.m.quotaMissed')}</Tag>
            ),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>{t('reports.cumulative')}</Table.Summary.Cell>
          {[...m.volume.totals, m.volume.cumulative.count].map((n, i) => (
            <Table.Summary.Cell key={i} index={1 + i} align="right">
              {n}
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={m.months.length + 2} colSpan={2} />
        </Table.Summary.Row>
      )}
    />
  );
}
