import { Card, Space, Table, Tag, Typography } from 'antd';
import type { SyncHistoryEntry } from '../../../shared/contracts/sync';
import { useI18n, useT } from '../../i18n';
import { failureText, when } from './failures';
import { TechDetail } from '../../shell/errors';

function Outcome({ row }: { row: SyncHistoryEntry }) {
  const t = useT();
  if (row.ok && !row.errorCode) return <Tag color="green">{t('sync.ok')}</Tag>;
  return (
    <Space orientation="vertical" size={0}>
      <Space size={4}>
        {row.ok ? <Tag color="green">{t('sync.ok')}</Tag> : <Tag color="red">{t('sync.failed')}</Tag>}
        <Typography.Text type={row.ok ? 'secondary' : 'danger'}>{failureText(t, row.errorCode)}</Typography.Text>
      </Space>
      <TechDetail className="sync-tech-detail" text={row.error} />
    </Space>
  );
}

export function SyncHistoryCard({ history }: { history: SyncHistoryEntry[] }) {
  const t = useT();
  const language = useI18n((s) => s.language);
  return (
    <Card title={t('sync.history')}>
      <Table<SyncHistoryEntry>
        size="small"
        rowKey="id"
        dataSource={history}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('sync.col.started'), dataIndex: 'startedAt', render: (v: string) => when(v, language, '') },
          {
            title: t('sync.col.trigger'),
            dataIndex: 'trigger',
            render: (v: SyncHistoryEntry['trigger']) => t(`sync.trigger.${v}`),
          },
          { title: t('sync.col.result'), key: 'result', render: (_, row) => <Outcome row={row} /> },
          { title: t('sync.col.pushed'), dataIndex: 'pushed', width: 80 },
          { title: t('sync.col.pulled'), dataIndex: 'pulled', width: 80 },
          { title: t('sync.col.rejected'), dataIndex: 'rejected', width: 80 },
        ]}
      />
    </Card>
  );
}
