import { Card, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { addMonths, type ReportKind } from '../../../shared/report';
import { useT } from '../../i18n';
import { EmptyPage } from '../../shell/EmptyPage';
import type { ContactChannel } from '../../../shared/channels';
import { ChannelPicker, ChannelSplit } from '../channels/ChannelSplit';
import { AlertsPanel } from './AlertsPanel';
import { Loading } from './Loading';
import { ComparisonView } from './ComparisonView';
import { ExportButtons } from './ExportButtons';
import { GradersView } from './graders/GradersView';
import { MonthlyView } from './MonthlyView';
import { isPrintRoute, PrintView } from './PrintView';
import { ReportFilters } from './ReportFilters';
import { scopeInput } from './scope';
import './reports.css';
import { SiteRankingView } from './SiteRankingView';
import { periodInput, useReports, type ReportFilter } from './store';
import { TrendsView } from './TrendsView';
import { useReport } from './useReport';

type Tab = 'comparison' | 'trends' | 'monthly' | 'sites' | 'graders';

const exportOf: Record<Tab, ReportKind | null> = {
  comparison: 'agentComparison',
  trends: null,
  monthly: 'monthly',
  sites: 'siteRanking',
  graders: null,
};

/** The channel the comparison is narrowed to, kept while the app runs like the filter. */
let lastChannel: ContactChannel | null = null;

function ComparisonTab({ filter }: { filter: ReportFilter }) {
  const [channel, setChannelState] = useState<ContactChannel | null>(lastChannel);
  const setChannel = (next: ContactChannel | null) => {
    lastChannel = next;
    setChannelState(next);
  };
  const { data, error } = useReport('reports.agentComparison', {
    ...periodInput(filter),
    ...(channel ? { channel } : {}),
  });
  const split = useReport('reports.channels', periodInput(filter));
  // Other channels appear once there is more than phone: a call centre with calls only sees what it always did.
  const channels = split.data ?? [];
  const several = channels.length > 1 || channels.some((c) => c.channel !== 'phone');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {several && <ChannelSplit rows={channels} />}
      {several && <ChannelPicker value={channel} onChange={setChannel} />}
      {data ? <ComparisonView data={data} period={periodInput(filter)} /> : <Loading error={error} />}
    </Space>
  );
}

function TrendsTab({ filter }: { filter: ReportFilter }) {
  // A trend needs several months: at least the half-year up to the chosen month.
  const from = [filter.from, addMonths(filter.to, -5)].sort()[0];
  const { data, error } = useReport('reports.trends', periodInput({ ...filter, from }));
  return data ? <TrendsView data={data} /> : <Loading error={error} />;
}

function MonthlyTab({ filter }: { filter: ReportFilter }) {
  const { data, error } = useReport('reports.monthly', periodInput(filter));
  return data ? <MonthlyView data={data} scope={scopeInput(filter)} /> : <Loading error={error} />;
}

function SitesTab({ filter }: { filter: ReportFilter }) {
  const { data, error } = useReport('reports.siteRanking', periodInput(filter));
  return data ? <SiteRankingView data={data} /> : <Loading error={error} />;
}

function GradersTab({ filter }: { filter: ReportFilter }) {
  // Grading the graders compares inspectors' final scores: the score mode does not apply to it.
  const { data, error } = useReport('reports.graders', { from: filter.from, to: filter.to, ...scopeInput(filter) });
  return data ? <GradersView data={data} /> : <Loading error={error} />;
}

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

/** The tab is kept across visits in one session, like the filter: back from an evaluation lands where one was. */
let lastTab: Tab = 'comparison';

/** 报表: alerts on top, then the comparison, the trends, the monthly QA report and the site ranking. */
export function ReportsPage() {
  const t = useT();
  const hash = useHash();
  const { options, alerts, filter, error, load } = useReports();
  const [tab, setTabState] = useState<Tab>(lastTab);
  const setTab = (next: Tab) => {
    lastTab = next;
    setTabState(next);
  };
  useEffect(() => {
    if (!isPrintRoute(hash)) void load();
  }, [load, hash]);

  if (isPrintRoute(hash)) return <PrintView />;
  if (error) return <Loading error={error} />;
  if (!options || !filter) return <Loading error={null} />;
  if (options.months.length === 0) return <EmptyPage title={t('reports.empty.title')} body={t('reports.empty.body')} />;

  const report = exportOf[tab];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="reports-home">
      <Card size="small">
        <Space wrap align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
          <ReportFilters filter={filter} options={options} />
          {report && <ExportButtons report={report} filter={filter} />}
        </Space>
      </Card>
      <AlertsPanel alerts={alerts} />
      {tab !== 'graders' && (
        <Typography.Text
          type="secondary"
          data-testid="score-mode-caption"
          data-score-mode={filter.scoreMode ?? 'final'}
        >
          {t(`reports.scoreMode.caption.${filter.scoreMode ?? 'final'}`)}
        </Typography.Text>
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        items={[
          { key: 'comparison', label: t('reports.tab.comparison'), children: <ComparisonTab filter={filter} /> },
          { key: 'trends', label: t('reports.tab.trends'), children: <TrendsTab filter={filter} /> },
          { key: 'monthly', label: t('reports.tab.monthly'), children: <MonthlyTab filter={filter} /> },
          { key: 'sites', label: t('reports.tab.sites'), children: <SitesTab filter={filter} /> },
          { key: 'graders', label: t('graders.tab'), children: <GradersTab filter={filter} /> },
        ]}
        destroyOnHidden
      />
    </Space>
  );
}
