import { Alert, Card, Select, Space, Spin, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { addMonths } from '../../../shared/report';
import { useT } from '../../i18n';
import { EmptyPage } from '../../shell/EmptyPage';
import { AlertsPanel } from './AlertsPanel';
import { ComparisonView } from './ComparisonView';
import { ExportButtons } from './ExportButtons';
import { MonthlyView } from './MonthlyView';
import { isPrintRoute, PrintView } from './PrintView';
import './reports.css';
import { periodInput, useReports, type ReportFilter } from './store';
import { TrendsView } from './TrendsView';
import { useReport } from './useReport';

type Tab = 'comparison' | 'trends' | 'monthly';

function Filters({ filter, months }: { filter: ReportFilter; months: string[] }) {
  const t = useT();
  const teams = useReports((s) => s.options?.teams ?? []);
  const setFilter = useReports((s) => s.setFilter);
  const monthOptions = [...new Set([...months, filter.from, filter.to])]
    .sort()
    .reverse()
    .map((m) => ({ value: m, label: m }));
  return (
    <Space wrap>
      <span>{t('reports.period')}</span>
      <Select
        aria-label={t('reports.from')}
        style={{ width: 120 }}
        value={filter.from}
        options={monthOptions}
        onChange={(from) => setFilter({ from })}
      />
      <span>—</span>
      <Select
        aria-label={t('reports.to')}
        style={{ width: 120 }}
        value={filter.to}
        options={monthOptions}
        onChange={(to) => setFilter({ to })}
      />
      <Select
        aria-label={t('reports.team')}
        style={{ width: 160 }}
        value={filter.team ?? ''}
        onChange={(team) => setFilter({ team: team || null })}
        options={[{ value: '', label: t('reports.allTeams') }, ...teams.map((x) => ({ value: x.id, label: x.name }))]}
      />
    </Space>
  );
}

function Loading({ error }: { error: string | null }) {
  const t = useT();
  return error ? (
    <Alert type="error" showIcon message={error} />
  ) : (
    <Spin tip={t('reports.loading')}>
      <div style={{ height: 120 }} />
    </Spin>
  );
}

function ComparisonTab({ filter }: { filter: ReportFilter }) {
  const { data, error } = useReport('reports.agentComparison', periodInput(filter));
  return data ? <ComparisonView data={data} /> : <Loading error={error} />;
}

function TrendsTab({ filter }: { filter: ReportFilter }) {
  // A trend needs several months: at least the half-year up to the chosen month.
  const from = [filter.from, addMonths(filter.to, -5)].sort()[0];
  const { data, error } = useReport('reports.trends', periodInput({ ...filter, from }));
  return data ? <TrendsView data={data} /> : <Loading error={error} />;
}

function MonthlyTab({ filter }: { filter: ReportFilter }) {
  const { data, error } = useReport('reports.monthly', periodInput(filter));
  return data ? <MonthlyView data={data} /> : <Loading error={error} />;
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

/** 报表: alerts on top, then the comparison, the trends and the monthly QA report for the chosen period and team. */
export function ReportsPage() {
  const t = useT();
  const hash = useHash();
  const { options, alerts, filter, error, load } = useReports();
  const [tab, setTab] = useState<Tab>('comparison');
  useEffect(() => {
    if (!isPrintRoute(hash)) void load();
  }, [load, hash]);

  if (isPrintRoute(hash)) return <PrintView />;
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!options || !filter) return <Loading error={null} />;
  if (options.months.length === 0) return <EmptyPage title={t('reports.empty.title')} body={t('reports.empty.body')} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="reports-home">
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Filters filter={filter} months={options.months} />
          {tab !== 'trends' && (
            <ExportButtons report={tab === 'monthly' ? 'monthly' : 'agentComparison'} filter={filter} />
          )}
        </Space>
      </Card>
      <AlertsPanel alerts={alerts} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        items={[
          { key: 'comparison', label: t('reports.tab.comparison'), children: <ComparisonTab filter={filter} /> },
          { key: 'trends', label: t('reports.tab.trends'), children: <TrendsTab filter={filter} /> },
          { key: 'monthly', label: t('reports.tab.monthly'), children: <MonthlyTab filter={filter} /> },
        ]}
        destroyOnHidden
      />
    </Space>
  );
}
