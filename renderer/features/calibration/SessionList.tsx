import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CalibrationSessionView } from '../../../shared/contracts/calibration';
import { useT, type Translate } from '../../i18n';
import { useSync } from '../sync/store';
import { Loading, useCall } from './CalibrationPage';
import { CreateSession } from './CreateSession';
import { formatTime } from './format';
import { sessionHash } from './route';

export function StatusTags({ session }: { session: CalibrationSessionView }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <Tag color={session.closedAt ? 'default' : 'blue'}>
        {t(session.closedAt ? 'cal.status.closed' : 'cal.status.open')}
      </Tag>
      <Tag>{t(`cal.role.${session.role}`)}</Tag>
      {session.sync && session.sync.status !== 'sent' && (
        <Tag color={session.sync.status === 'rejected' ? 'red' : 'gold'}>{t(`cal.sync.${session.sync.status}`)}</Tag>
      )}
    </Space>
  );
}

export function progressText(t: Translate, s: CalibrationSessionView): string {
  if (s.role === 'inspector' && s.mine)
    return t('cal.progress.mine', { done: s.mine.submitted, total: s.calls.length });
  return t('cal.progress.scored', { count: s.inspectors.reduce((n, i) => n + i.scored, 0) });
}

/** The sessions this app knows; leads, sites and head office create new ones here. */
export function SessionList() {
  const t = useT();
  const [creating, setCreating] = useState(false);
  const [version, setVersion] = useState(0);
  const { data, error } = useCall('calibration.list', {}, String(version));
  const { status, refresh } = useSync();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const role = status?.identity?.role ?? null;
  const canCreate = role !== null && role !== 'inspector';
  if (!data) return <Loading error={error} />;
  return (
    <Card
      title={t('cal.title')}
      data-testid="calibration-list"
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('cal.new')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('cal.intro')}</Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data}
        locale={{ emptyText: t('cal.empty') }}
        onRow={(s) => ({ onDoubleClick: () => (window.location.hash = sessionHash(s.id)) })}
        columns={[
          {
            title: t('cal.col.name'),
            render: (_, s) => (
              <Button type="link" style={{ padding: 0 }} href={sessionHash(s.id)}>
                {s.name}
              </Button>
            ),
          },
          { title: t('cal.col.card'), render: (_, s) => s.scorecardName ?? `${s.scorecardId} v${s.scorecardVersion}` },
          { title: t('cal.col.deadline'), render: (_, s) => formatTime(s.deadline) },
          { title: t('cal.col.status'), render: (_, s) => <StatusTags session={s} /> },
          { title: t('cal.col.progress'), render: (_, s) => progressText(t, s) },
        ]}
      />
      <CreateSession
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) setVersion((v) => v + 1);
        }}
      />
    </Card>
  );
}
