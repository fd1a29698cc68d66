import { App as AntApp, Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api';
import type { OutboxEntry, RejectedEntry, SyncStatus } from '../../../shared/contracts/sync';
import { useI18n, useT } from '../../i18n';
import { when } from './failures';
import { codeOf, useSync } from './store';
import { TechDetail } from '../../shell/errors';

const rowKey = (r: OutboxEntry) => `${r.evaluationId}#${r.revision}`;

/** Scorecard ids → names, so a row names its card as the inspector knows it (not by its internal id). */
let cardNames: Promise<Map<string, string>> | null = null;
function useCardName(id: string | null): string | null {
  const [names, setNames] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    cardNames ??= call('scorecards.list', {})
      .then((list) => new Map(list.map((c) => [c.id, c.name])))
      .catch(() => new Map<string, string>());
    void cardNames.then(setNames);
  }, []);
  return id === null ? null : (names?.get(id) ?? null);
}

/** The call an outbox row is of: agent, call time, file and card, as an inspector recognises it. */
function CallCell({ entry }: { entry: OutboxEntry }) {
  const t = useT();
  const cardName = useCardName(entry.scorecardId);
  const agent = entry.agentNo ? `${entry.agentNo} ${entry.agentName ?? ''}`.trim() : t('sync.call.unknownAgent');
  const card =
    entry.scorecardId === null
      ? null
      : t('sync.call.card', { id: cardName ?? entry.scorecardId, version: entry.scorecardVersion ?? '' });
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{agent}</Typography.Text>
      <Typography.Text type="secondary">
        {[
          entry.callStartedAt ? entry.callStartedAt.replace('T', ' ').slice(0, 16) : t('sync.call.noTime'),
          entry.fileName,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      {card && (
        <Typography.Text type="secondary">
          {card}
          {entry.revision > 1 ? ` · ${t('sync.call.revision', { revision: entry.revision })}` : ''}
        </Typography.Text>
      )}
    </Space>
  );
}

function OpenButton({ entry }: { entry: OutboxEntry }) {
  const t = useT();
  if (!entry.recordingId) return null;
  const id = entry.recordingId;
  return (
    <Button
      size="small"
      aria-label={t('sync.openLabel', { agent: entry.agentName ?? entry.agentNo ?? '' })}
      onClick={() => {
        window.location.hash = `#/evaluate/${encodeURIComponent(id)}`;
      }}
    >
      {t('sync.open')}
    </Button>
  );
}

/** Why head office refused it, in the user's words, and who has to act; the server's words only on demand. */
function Reason({ entry }: { entry: RejectedEntry }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={2}>
      <Typography.Text strong>{entry.code ? t(`sync.reject.${entry.code}`) : t('sync.reject.unknown')}</Typography.Text>
      {entry.fixBy === 'head_office' ? (
        <Tag color="blue" className="sync-fixby">
          {t('sync.fixBy.head_office')}
        </Tag>
      ) : (
        <Tag color="orange" className="sync-fixby">
          {t('sync.fixBy.inspector')}
        </Tag>
      )}
      <TechDetail className="sync-tech-detail" text={entry.reason} />
    </Space>
  );
}

export function RejectedCard({ status }: { status: SyncStatus }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const resend = useSync((s) => s.resend);
  const run = (evaluationId?: string) =>
    resend(evaluationId)
      .then((n) => message.success(t('sync.resent', { n })))
      .catch((e: unknown) => message.error(t(`sync.callError.${codeOf(e)}`)));
  return (
    <Card
      title={`${t('sync.rejected')} (${status.rejectedCount})`}
      data-testid="sync-rejected"
      extra={<Button onClick={() => void run()}>{t('sync.resendAll')}</Button>}
    >
      <Alert type="warning" showIcon title={t('sync.rejected.help')} style={{ marginBottom: 12 }} />
      <Table<RejectedEntry>
        size="small"
        rowKey={rowKey}
        dataSource={status.rejected}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('sync.col.call'), key: 'call', render: (_, r) => <CallCell entry={r} /> },
          { title: t('sync.col.reason'), key: 'reason', render: (_, r) => <Reason entry={r} /> },
          {
            title: t('sync.col.actions'),
            key: 'actions',
            width: 220,
            render: (_, r) => (
              <Space wrap>
                <OpenButton entry={r} />
                <Button
                  size="small"
                  type="primary"
                  aria-label={t('sync.resendLabel', { agent: r.agentName ?? r.agentNo ?? '' })}
                  onClick={() => void run(r.evaluationId)}
                >
                  {t('sync.resend')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function WaitingCard({ status }: { status: SyncStatus }) {
  const t = useT();
  const language = useI18n((s) => s.language);
  return (
    <Card title={`${t('sync.waiting')} (${status.pending})`} data-testid="sync-waiting">
      <Table<OutboxEntry>
        size="small"
        rowKey={rowKey}
        dataSource={status.waiting}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('sync.col.call'), key: 'call', render: (_, r) => <CallCell entry={r} /> },
          { title: t('sync.col.created'), dataIndex: 'createdAt', render: (v: string) => when(v, language, '') },
          { title: t('sync.col.attempts'), dataIndex: 'attempts', width: 90 },
          {
            title: t('sync.col.state'),
            key: 'state',
            render: (_, r) =>
              r.lastError ? (
                <Space orientation="vertical" size={0}>
                  <Tag color="gold">{t('sync.waiting.retrying')}</Tag>
                  <TechDetail className="sync-tech-detail" text={r.lastError} />
                </Space>
              ) : (
                <Tag>{t('sync.waiting.queued')}</Tag>
              ),
          },
          { title: t('sync.col.actions'), key: 'actions', render: (_, r) => <OpenButton entry={r} /> },
        ]}
      />
    </Card>
  );
}
