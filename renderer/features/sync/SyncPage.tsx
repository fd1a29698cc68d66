import { App as AntApp, Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import type { OutboxEntry, SyncHistoryEntry } from '../../../shared/contracts/sync';
import { useT, type MessageKey } from '../../i18n';
import { useSync } from './store';

interface Fields {
  serverUrl: string;
  token: string;
}

const when = (iso: string | null, never: string) => (iso ? new Date(iso).toLocaleString() : never);

export function SyncPage() {
  const t = useT();
  const { message } = AntApp.useApp();
  const { status, busy, error, refresh, configure, syncNow } = useSync();
  const [form] = Form.useForm<Fields>();

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), 3000);
    return () => window.clearInterval(timer);
  }, [refresh]);
  useEffect(() => {
    if (status?.serverUrl && !form.isFieldsTouched(['serverUrl'])) form.setFieldsValue({ serverUrl: status.serverUrl });
  }, [status?.serverUrl, form]);

  const fail = (e: unknown) => message.error(e instanceof Error ? e.message : String(e));
  const save = (values: Fields) =>
    configure(values.serverUrl.trim(), values.token.trim())
      .then(() => {
        form.resetFields(['token']);
        message.success(t('sync.saved'));
      })
      .catch(fail);
  const runNow = () =>
    syncNow()
      .then((r) => message.success(t('sync.done', { ...r })))
      .catch(fail);

  const outboxColumns = [
    {
      title: t('sync.col.evaluation'),
      dataIndex: 'evaluationId',
      render: (id: string) => <Typography.Text code>{id.slice(0, 8)}</Typography.Text>,
    },
    { title: t('sync.col.revision'), dataIndex: 'revision', width: 80 },
    { title: t('sync.col.created'), dataIndex: 'createdAt', render: (v: string) => when(v, '') },
  ];
  const historyColumns = [
    { title: t('sync.col.started'), dataIndex: 'startedAt', render: (v: string) => when(v, '') },
    { title: t('sync.col.trigger'), dataIndex: 'trigger', render: (v: string) => t(`sync.trigger.${v}` as MessageKey) },
    {
      title: t('sync.col.result'),
      dataIndex: 'ok',
      render: (ok: boolean, row: SyncHistoryEntry) =>
        ok ? <Tag color="green">{t('sync.ok')}</Tag> : <Tooltipless text={row.error} label={t('sync.failed')} />,
    },
    { title: t('sync.col.pushed'), dataIndex: 'pushed', width: 80 },
    { title: t('sync.col.pulled'), dataIndex: 'pulled', width: 80 },
    { title: t('sync.col.rejected'), dataIndex: 'rejected', width: 80 },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={4}>{t('sync.title')}</Typography.Title>
      {error && <Alert type="error" showIcon message={error} />}
      {status && !status.configured && (
        <Alert type="info" showIcon message={t('sync.empty.title')} description={t('sync.setup.help')} />
      )}
      <Card title={t('sync.settings')}>
        <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 560 }}>
          <Form.Item
            name="serverUrl"
            label={t('sync.serverUrl')}
            extra={t('sync.serverUrl.help')}
            rules={[{ required: true, type: 'url' }]}
          >
            <Input placeholder="https://" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="token"
            label={t('sync.token')}
            extra={
              status?.tokenSaved
                ? t('sync.token.saved', { protection: t(`sync.protection.${status.tokenProtection ?? 'none'}`) })
                : t('sync.token.help')
            }
            rules={[{ required: true, pattern: /^qai_[A-Za-z0-9_-]{43}$/ }]}
          >
            <Input.Password autoComplete="off" placeholder="qai_…" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('sync.save')}
          </Button>
        </Form>
      </Card>
      {status && (
        <Card
          extra={
            <Button type="primary" onClick={runNow} loading={busy} disabled={!status.configured} data-testid="sync-now">
              {t('sync.now')}
            </Button>
          }
        >
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('sync.state')}>
              <span data-testid="sync-state">{t(`sync.state.${status.state}` as MessageKey)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.pending')}>{status.pending}</Descriptions.Item>
            <Descriptions.Item label={t('sync.lastSuccess')}>
              {when(status.lastSuccessAt, t('sync.never'))}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.nextAttempt')}>
              {when(status.nextAttemptAt, t('sync.none'))}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.lastError')} span={2}>
              {status.lastError ? <Typography.Text type="danger">{status.lastError}</Typography.Text> : t('sync.none')}
              {status.lastErrorAt && (
                <Typography.Text type="secondary"> ({when(status.lastErrorAt, '')})</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {status && status.rejected.length > 0 && (
        <Card title={t('sync.rejected')}>
          <Alert type="warning" showIcon message={t('sync.rejected.help')} style={{ marginBottom: 12 }} />
          <Table<OutboxEntry & { reason: string }>
            size="small"
            rowKey={(r) => `${r.evaluationId}#${r.revision}`}
            dataSource={status.rejected}
            pagination={false}
            columns={[...outboxColumns, { title: t('sync.col.reason'), dataIndex: 'reason' }]}
          />
        </Card>
      )}
      {status && (
        <Card title={`${t('sync.waiting')} (${status.pending})`}>
          <Table<OutboxEntry>
            size="small"
            rowKey={(r) => `${r.evaluationId}#${r.revision}`}
            dataSource={status.waiting}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              ...outboxColumns,
              { title: t('sync.col.attempts'), dataIndex: 'attempts', width: 90 },
              { title: t('sync.col.lastError'), dataIndex: 'lastError' },
            ]}
          />
        </Card>
      )}
      {status && (
        <Card title={t('sync.history')}>
          <Table<SyncHistoryEntry>
            size="small"
            rowKey="id"
            dataSource={status.history}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={historyColumns}
          />
        </Card>
      )}
    </Space>
  );
}

function Tooltipless({ text, label }: { text: string | null; label: string }) {
  return (
    <Space direction="vertical" size={0}>
      <Tag color="red">{label}</Tag>
      {text && <Typography.Text type="secondary">{text}</Typography.Text>}
    </Space>
  );
}
