import {
  AimOutlined,
  AudioOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudSyncOutlined,
  FormOutlined,
  OrderedListOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { StyleProvider } from '@ant-design/cssinjs';
import { App as AntApp, ConfigProvider, Layout, Menu, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, type ReactNode } from 'react';
import { CoachingPage } from './features/coaching/CoachingPage';
import { DisputesPage } from './features/disputes/DisputesPage';
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
import { ErrorAlert } from './shell/errors';
import { menuPageOf, pages, useNavigation, type MenuPage, type Page } from './shell/navigation';
import { StatusBar } from './shell/StatusBar';
import { retainingStyleCache } from './shell/style-cache';

const styleCache = retainingStyleCache();

/**
 * antd's defaults put secondary text at 3.36:1 and the primary blue at 4.1–4.3:1 on its light backgrounds; every
 * text here reaches 4.5:1 (WCAG AA), checked by axe-core in the e2e suite.
 */
const theme = {
  token: {
    colorPrimary: '#1659c7',
    colorLink: '#1659c7',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorSuccess: '#237804',
    colorWarning: '#ad6800',
    colorError: '#c41d1d',
  },
};

const pageViews: Record<Page, () => ReactNode> = {
  library: () => <LibraryPage />,
  evaluate: () => <EvaluatePage />,
  reports: () => <ReportsPage />,
  sync: () => <SyncPage />,
  settings: () => <SettingsPage />,
  scorecards: () => <ScorecardsPage />,
  evaluation: () => <EvaluationPage />,
  disputes: () => <DisputesPage />,
  coaching: () => <CoachingPage />,
  calibration: () => <CalibrationPage />,
};

const pageIcons: Record<MenuPage, ReactNode> = {
  library: <AudioOutlined />,
  evaluate: <FormOutlined />,
  reports: <BarChartOutlined />,
  sync: <CloudSyncOutlined />,
  settings: <SettingOutlined />,
  scorecards: <OrderedListOutlined />,
  disputes: <AuditOutlined />,
  coaching: <AimOutlined />,
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
          {loadError !== null && <ErrorAlert error={loadError} title={t('error.loadFailed')} />}
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
      <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={theme}>
        <AntApp className="app-root">
          <Shell />
        </AntApp>
      </ConfigProvider>
    </StyleProvider>
  );
}
