import { App as AntApp, Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../i18n';
import { RejectedCard, WaitingCard } from './OutboxTables';
import { codeOf, useSync } from './store';
import { SyncHistoryCard } from './SyncHistoryCard';
import { SyncStatusCard } from './SyncStatusCard';
import './sync.css';

interface Fields {
  serverUrl: string;
  token: string;
}

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

  // What failed is in sync.status (last error, history) in the user's words; the toast only says that it failed.
  const fail = (e: unknown) => message.error(t(`sync.callError.${codeOf(e)}`));
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

  // Until sync is set up the form is what the page is for; afterwards the state and the queues come first.
  const settings = (
    <Card title={t('sync.settings')}>
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 560 }}>
        <Form.Item
          name="serverUrl"
          label={t('sync.serverUrl')}
          extra={t('sync.serverUrl.help')}
          rules={[{ required: true, type: 'url', message: t('sync.serverUrl.invalid') }]}
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
          rules={[
            { required: true, message: t('sync.token.required') },
            // antd's own message would show the raw pattern (/^qai_…$/) to the user.
            { pattern: /^qai_[A-Za-z0-9_-]{43}$/, message: t('sync.token.invalid') },
          ]}
        >
          <Input.Password autoComplete="off" placeholder="qai_…" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('sync.save')}
        </Button>
      </Form>
    </Card>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={4}>{t('sync.title')}</Typography.Title>
      {error && <Alert type="error" showIcon title={t(`sync.callError.${error}`)} />}
      {status && !status.configured && (
        <Alert type="info" showIcon title={t('sync.empty.title')} description={t('sync.setup.help')} />
      )}
      {status && !status.configured && settings}
      {status && <SyncStatusCard status={status} busy={busy} onSyncNow={runNow} />}
      {status && status.rejected.length > 0 && <RejectedCard status={status} />}
      {status && <WaitingCard status={status} />}
      {status?.configured && settings}
      {status && <SyncHistoryCard history={status.history} />}
    </Space>
  );
}
