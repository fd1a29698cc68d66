import { SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Segmented, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DisputeView } from '../../../shared/contracts/disputes';
import type { DisputeStatus } from '../../../shared/disputes';
import { call } from '../../api';
import { useT } from '../../i18n';
import { useSync } from '../sync/store';
import { DisputeCard } from './DisputeCard';
import { failureText } from './format';

const filters = ['all', 'open', 'decided', 'escalated', 'arbitrated', 'acknowledged'] as const;

/** 申诉: the inspector's queue of disputes to decide, the lead's filed disputes, head office's escalations. */
export function DisputesPage() {
  const t = useT();
  const status = useSync((s) => s.status);
  const refresh = useSync((s) => s.refresh);
  const syncNow = useSync((s) => s.syncNow);
  const [filter, setFilter] = useState<(typeof filters)[number]>('all');
  const [items, setItems] = useState<DisputeView[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    call('disputes.list', filter === 'all' ? {} : { status: filter as DisputeStatus })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(e));
  }, [filter]);
  useEffect(() => {
    load();
    void refresh();
  }, [load, refresh]);

  const sync = async () => {
    setError(null);
    await syncNow().catch((e: unknown) => setError(e));
    load();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="disputes-page">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('disputes.title')}
        </Typography.Title>
        <Button icon={<SyncOutlined />} onClick={() => void sync()}>
          {t('disputes.sync')}
        </Button>
      </Space>
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as (typeof filters)[number])}
        options={filters.map((f) => ({
          value: f,
          label: f === 'all' ? t('disputes.title') : t(`disputes.status.${f}`),
        }))}
      />
      {error !== null && <Alert type="error" showIcon title={failureText(t, error)} />}
      {items && items.length === 0 && <Empty description={t('disputes.empty')} />}
      {items?.map((d) => (
        <DisputeCard key={d.id} dispute={d} me={status?.identity ?? null} onChange={load} evidence />
      ))}
    </Space>
  );
}
