import { Badge, Tooltip, Typography } from 'antd';
import { useEffect } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { useNavigation } from '../../shell/navigation';
import { failureText } from './failures';
import { useSync } from './store';

const badge = {
  online: 'success',
  syncing: 'processing',
  offline: 'warning',
  blocked: 'error',
  unconfigured: 'default',
} as const;

/** Status-bar summary: online/offline, items waiting and rejected; refreshed every few seconds. */
export function SyncIndicator() {
  const t = useT();
  const { status, refresh } = useSync();
  const go = useNavigation((s) => s.go);
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), 5000);
    return () => window.clearInterval(timer);
  }, [refresh]);
  if (!status) return null;
  const state = t(`sync.state.${status.state}` as MessageKey);
  return (
    <Tooltip title={status.lastErrorCode ? failureText(t, status.lastErrorCode) : undefined}>
      <Typography.Link onClick={() => go('sync')} data-testid="sync-indicator">
        <Badge status={badge[status.state]} text={t('sync.bar', { state })} />
        {status.pending > 0 && <> · {t('sync.bar.pending', { n: status.pending })}</>}
        {status.rejectedCount > 0 && (
          <Typography.Text type="danger"> · {t('sync.bar.rejected', { n: status.rejectedCount })}</Typography.Text>
        )}
      </Typography.Link>
    </Tooltip>
  );
}
