import { Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { FocusItemView } from '../../../shared/contracts/disputes';
import { useT } from '../../i18n';

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const colors = { improved: 'green', not_improved: 'red', insufficient_data: 'default' } as const;

/** Focus items with their figure the month before and in the due month, the change and the verdict. */
export function FocusTable({ items, action }: { items: FocusItemView[]; action?: (f: FocusItemView) => ReactNode }) {
  const t = useT();
  return (
    <Table<FocusItemView>
      className="report-table"
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={items}
      // antd greys an empty table's text below readable contrast: the secondary text colour reads at 4.5:1.
      locale={{ emptyText: <Typography.Text type="secondary">{t('coaching.empty')}</Typography.Text> }}
      columns={[
        {
          title: t('coaching.whom'),
          key: 'whom',
          render: (_, f) =>
            f.agentNo ? `${f.agentName ?? ''} ${f.agentNo}`.trim() : f.team ? (f.teamName ?? f.team) : f.site,
        },
        { title: t('coaching.target'), key: 'target', render: (_, f) => f.target.name },
        { title: t('coaching.value'), key: 'value', align: 'right', render: (_, f) => fmt(f.target.value) },
        {
          title: t('coaching.baseline'),
          key: 'baseline',
          align: 'right',
          render: (_, f) => `${fmt(f.baseline.value)}（${t('coaching.count', { n: f.baseline.count })}）`,
        },
        {
          title: t('coaching.current'),
          key: 'current',
          align: 'right',
          render: (_, f) => `${fmt(f.current.value)}（${t('coaching.count', { n: f.current.count })}）`,
        },
        { title: t('coaching.change'), key: 'change', align: 'right', render: (_, f) => fmt(f.change) },
        {
          title: t('coaching.verdict'),
          key: 'verdict',
          render: (_, f) => <Tag color={colors[f.verdict]}>{t(`coaching.verdict.${f.verdict}`)}</Tag>,
        },
        { title: t('coaching.note'), dataIndex: 'note' },
        ...(action ? [{ title: '', key: 'action', render: (_: unknown, f: FocusItemView) => action(f) }] : []),
      ]}
    />
  );
}
