import {
  AudioOutlined,
  BarChartOutlined,
  CloudSyncOutlined,
  FormOutlined,
  OrderedListOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { StyleProvider } from '@ant-design/cssinjs';
import { Alert, App as AntApp, ConfigProvider, Layout, Menu, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, type ReactNode } from 'react';
import { CalibrationPage } from './features/calibration/CalibrationPage';
import { EvaluatePage } from './features/evaluate/EvaluatePage';
import { LibraryPage } from './features/library/LibraryPage';
import { EvaluationPage } from './features/reports/evaluation/EvaluationPage';
import { ReportsPage } from './features/reports/ReportsPage';
import { ScorecardsPage } from './features/scorecards/ScorecardsPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { SyncPage } from './features/sync/SyncPage';
import { useI18n, useT } from './i18n';
import { useApp } from './shell/app-store';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { menuPageOf, pages, useNavigation, type MenuPage, type Page } from './shell/navigation';
import { StatusBar } from './shell/StatusBar';
import { retainingStyleCache } from './shell/style-cache';

const styleCache = retainingStyleCache();

const pageViews: Record<Page, () => ReactNode> = {
  library: () => <LibraryPage />,
  evaluate: () => <EvaluatePage />,
  reports: () => <ReportsPage />,
  sync: () => <SyncPage />,
  settings: () => <SettingsPage />,
  scorecards: () => <ScorecardsPage />,
  evaluation: () => <EvaluationPage />,
  calibration: () => <CalibrationPage />,
};

const pageIcons: Record<MenuPage, ReactNode> = {
  library: <AudioOutlined />,
  evaluate: <FormOutlined />,
  reports: <BarChartOutlined />,
  sync: <CloudSyncOutlined />,
  settings: <SettingOutlined />,
  scorecards: <OrderedListOutlined />,
  calibration: <TeamOutlined />,
};

function useNavigationShortcuts(): void {
  const go = useNavigation((s) => s.go);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = Number(event.key) - 1;
      if (index >= 0 && index < pages.length) {
        event.preventDefault();
        go(pages[index]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
}

function Shell() {
  const t = useT();
  const { page, go } = useNavigation();
  const { load, loadError } = useApp();
  useNavigationShortcuts();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Layout className="app-layout">
      <Layout.Sider width={176} theme="light" className="app-sider">
        <Typography.Title level={5} className="app-brand">
          {t('app.title')}
        </Typography.Title>
        <Menu
          mode="inline"
          selectedKeys={[menuPageOf[page]]}
          onClick={({ key }) => go(key as Page)}
          items={pages.map((p) => ({ key: p, icon: pageIcons[p], label: t(`nav.${p}`) }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Content className="app-content" data-page={page}>
          {loadError && <Alert type="error" showIcon message={t('error.loadFailed')} description={loadError} />}
          <ErrorBoundary resetKey={page}>{pageViews[page]()}</ErrorBoundary>
        </Layout.Content>
        <StatusBar />
      </Layout>
    </Layout>
  );
}

export function App() {
  const language = useI18n((s) => s.language);
  return (
    <StyleProvider cache={styleCache}>
      <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f6feb' } }}>
        <AntApp className="app-root">
          <Shell />
        </AntApp>
      </ConfigProvider>
    </StyleProvider>
  );
}
