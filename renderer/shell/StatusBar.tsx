import { Badge, Space, Typography } from 'antd';
import { transport } from '../api';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { useT } from '../i18n';
import { useApp } from './app-store';

export function StatusBar() {
  const t = useT();
  const { info, connected } = useApp();
  return (
    <footer className="status-bar" role="status" aria-label={t('status.label')}>
      <Space size="large">
        <Badge
          status={connected ? 'success' : 'error'}
          text={connected ? t('status.connected') : t('status.disconnected')}
        />
        <Typography.Text type="secondary">
          {transport === 'electron' ? t('status.mode.electron') : t('status.mode.browser')}
        </Typography.Text>
        <SyncIndicator />
        {info && (
          <Typography.Text type="secondary">
            {t('status.version')} {info.version} · {t('status.schema')} {info.schemaVersion}
          </Typography.Text>
        )}
      </Space>
      <Typography.Text type="secondary">{t('shortcuts.nav')}</Typography.Text>
    </footer>
  );
}
