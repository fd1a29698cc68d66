import { Button, Card, Descriptions, Space, Typography } from 'antd';
import type { SyncStatus } from '../../../shared/contracts/sync';
import { useI18n, useT } from '../../i18n';
import { failureText, identityText, when } from './failures';
import { TechDetail } from '../../shell/errors';

/** Who this app's user is at head office, whether the link is up, and the current error (if it still is one). */
export function SyncStatusCard({
  status,
  busy,
  onSyncNow,
}: {
  status: SyncStatus;
  busy: boolean;
  onSyncNow: () => void;
}) {
  const t = useT();
  const language = useI18n((s) => s.language);
  const me = status.identity;
  return (
    <Card
      title={t('sync.statusTitle')}
      extra={
        <Button type="primary" onClick={onSyncNow} loading={busy} disabled={!status.configured} data-testid="sync-now">
          {t('sync.now')}
        </Button>
      }
    >
      <Descriptions
        column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 2 }}
        size="small"
        bordered
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'identity',
            label: t('sync.identity'),
            children: (
              <span data-testid="sync-identity">
                {me ? identityText(t, me) : t('sync.identity.unknown')}
                {me?.name ? (
                  <Typography.Text type="secondary">{t('sync.paren', { text: me.name })}</Typography.Text>
                ) : null}
              </span>
            ),
          },
          {
            key: 'state',
            label: t('sync.state'),
            children: <span data-testid="sync-state">{t(`sync.state.${status.state}`)}</span>,
          },
          { key: 'pending', label: t('sync.pending'), children: status.pending },
          { key: 'rejected', label: t('sync.rejectedCount'), children: status.rejectedCount },
          {
            key: 'lastSuccess',
            label: t('sync.lastSuccess'),
            children: when(status.lastSuccessAt, language, t('sync.never')),
          },
          {
            key: 'next',
            label: t('sync.nextAttempt'),
            children: when(status.nextAttemptAt, language, t('sync.none')),
          },
          {
            key: 'lastError',
            label: t('sync.lastError'),
            span: 2,
            children: status.lastErrorCode ? (
              <Space orientation="vertical" size={0}>
                <Typography.Text type="danger" data-testid="sync-last-error">
                  {failureText(t, status.lastErrorCode)}
                  <Typography.Text type="secondary">
                    {t('sync.paren', { text: when(status.lastErrorAt, language, '') })}
                  </Typography.Text>
                </Typography.Text>
                <TechDetail className="sync-tech-detail" text={status.lastError} />
              </Space>
            ) : (
              t('sync.none')
            ),
          },
        ]}
      />
    </Card>
  );
}
