import { Alert, Button, Card, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { SamplingQueue } from '../../../shared/contracts/evaluations';
import { call } from '../../api';
import { useT } from '../../i18n';
import { prepareRecording } from '../player/prefetch';
import { EmptyPage } from '../../shell/EmptyPage';
import { ErrorAlert } from '../../shell/errors';

function recentMonths(count = 12): string[] {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}

const statusColor = { todo: 'default', draft: 'gold', submitted: 'green' } as const;

/** The inspector's work queue: this month's sampling plan, with each agent's progress toward the quota. */
export function WorkQueue() {
  const t = useT();
  const [month, setMonth] = useState<string | null>(null);
  /** The month of the newest recording, offered even when it is older than a year (e.g. the sample calls). */
  const [newestMonth, setNewestMonth] = useState<string | null>(null);
  const [libraryEmpty, setLibraryEmpty] = useState(false);
  const [queue, setQueue] = useState<SamplingQueue | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (work: () => Promise<SamplingQueue>) => {
    setBusy(true);
    try {
      setQueue(await work());
      setError(null);
    } catch (e) {
      setError(e ?? 'error');
    } finally {
      setBusy(false);
    }
  }, []);

  // Open on this month, unless it has no calls yet: then on the month of the newest recording, so the work is in view.
  useEffect(() => {
    void (async () => {
      const current = recentMonths(1)[0];
      try {
        const newest = await call('recordings.list', { limit: 1 });
        const newestStart = newest.items[0]?.startedAt?.slice(0, 7) ?? null;
        setLibraryEmpty(newest.total === 0);
        setNewestMonth(newestStart);
        setMonth(newestStart && newestStart < current ? newestStart : current);
      } catch (e) {
        setError(e ?? 'error');
        setMonth(current);
      }
    })();
  }, []);

  useEffect(() => {
    if (month) void run(() => call('sampling.queue', { month }));
  }, [month, run]);

  const open = (recordingId: string) => {
    window.location.hash = `#/evaluate/${recordingId}`;
  };

  if (libraryEmpty && error === null) {
    return <EmptyPage title={t('evaluate.empty.title')} body={t('evaluate.empty.body')} />;
  }
  const months = recentMonths();
  if (newestMonth && !months.includes(newestMonth)) months.push(newestMonth);
  if (month && !months.includes(month)) months.push(month);
  return (
    <Space
      direction="vertical"
      style={{ width: '100%' }}
      size="middle"
      className="ev-queue"
      data-loaded={queue !== null || error !== null}
    >
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('ev.queue.title')}
        </Typography.Title>
        <Select
          value={month}
          onChange={setMonth}
          options={months.map((m) => ({ value: m, label: m }))}
          aria-label={t('ev.queue.month')}
          style={{ width: 120 }}
        />
        {queue && (
          <Typography.Text type="secondary" data-testid="queue-quota">
            {queue.quotaSource === 'head_office'
              ? t('ev.queue.quotaHeadOffice')
              : t('ev.queue.quotaLocal', { quota: queue.quotaPerAgent })}
          </Typography.Text>
        )}
        <Button
          loading={busy}
          disabled={!month}
          onClick={() => month && void run(() => call('sampling.redraw', { month }))}
        >
          {t('ev.queue.redraw')}
        </Button>
      </Space>
      {error !== null && <ErrorAlert error={error} />}
      {queue && queue.items.length === 0 && <Alert type="info" message={t('ev.queue.empty', { month: month ?? '' })} />}
      {queue && queue.agents.length > 0 && (
        <Card size="small">
          <Table
            size="small"
            pagination={false}
            rowKey="agentNo"
            dataSource={queue.agents}
            columns={[
              { title: t('ev.queue.agent'), render: (_, a) => `${a.agentName} (${a.agentNo})` },
              {
                title: t('ev.queue.progress'),
                render: (_, a) => (
                  <Progress
                    percent={a.quota > 0 ? Math.min(100, Math.round((a.evaluated / a.quota) * 100)) : 100}
                    format={() => `${a.evaluated} / ${a.quota}`}
                    aria-label={t('ev.queue.progressOf', { agent: a.agentName, done: a.evaluated, quota: a.quota })}
                    size="small"
                  />
                ),
              },
              {
                // Head office may set targets per agent or team, so each agent's quota and whose it is show here.
                title: t('ev.queue.target'),
                render: (_, a) =>
                  a.quotaSource === 'head_office'
                    ? t('ev.queue.targetHeadOffice', { quota: a.quota })
                    : t('ev.queue.targetLocal', { quota: a.quota }),
              },
              { title: t('ev.queue.available'), dataIndex: 'available' },
            ]}
          />
        </Card>
      )}
      {queue && queue.items.length > 0 && (
        <Table
          size="small"
          rowKey="recordingId"
          dataSource={queue.items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          // The press that starts a double-click (or a click on 打开) already starts loading the call.
          onRow={(item) => ({
            onMouseDown: () => prepareRecording(item.recordingId),
            onDoubleClick: () => open(item.recordingId),
          })}
          columns={[
            { title: t('ev.queue.agent'), render: (_, i) => `${i.agentName} (${i.agentNo})` },
            { title: t('ev.startedAt'), render: (_, i) => i.startedAt?.replace('T', ' ') ?? '—' },
            { title: t('ev.category'), dataIndex: 'category' },
            {
              title: t('ev.queue.progress'),
              render: (_, i) => (
                <Tag color={statusColor[i.status]}>
                  {t(`ev.queue.status.${i.status}`)}
                  {i.total !== null ? ` · ${i.total}` : ''}
                </Tag>
              ),
            },
            {
              title: '',
              render: (_, i) => (
                <Button size="small" type="link" onClick={() => open(i.recordingId)}>
                  {t('ev.queue.open')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
