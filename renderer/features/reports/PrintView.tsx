import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  reportTitles,
  reportKinds,
  type AgentComparison,
  type AnnexRow,
  type MonthlyReport,
  type ReportKind,
} from '../../../shared/report';
import { call } from '../../api';
import { useI18n, useT } from '../../i18n';
import { ComparisonTable, SectionsBarChart } from './ComparisonView';
import { MonthlyView } from './MonthlyView';

export function isPrintRoute(hash = window.location.hash): boolean {
  return hash.startsWith('#/reports/print');
}

function printParams() {
  const query = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const report = query.get('report');
  return {
    report: (reportKinds as readonly string[]).includes(report ?? '') ? (report as ReportKind) : 'monthly',
    input: {
      from: query.get('from') ?? '',
      to: query.get('to') ?? '',
      ...(query.get('team') ? { team: query.get('team')! } : {}),
    },
  };
}

type Loaded =
  { report: 'monthly'; data: MonthlyReport; annex: AnnexRow[] } | { report: 'agentComparison'; data: AgentComparison };

/**
 * `#/reports/print?report=…&from=…&to=…&team=…`: the report alone, charts drawn without animation. When everything
 * is on the page it sets data-print-ready, which Chromium (browser mode) and Electron's printToPDF wait for.
 */
export function PrintView() {
  const t = useT();
  const language = useI18n((s) => s.language);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    document.body.classList.add('qa-print');
    return () => document.body.classList.remove('qa-print');
  }, []);

  useEffect(() => {
    const { report, input } = printParams();
    const load = async (): Promise<Loaded> => {
      if (report === 'agentComparison') return { report, data: await call('reports.agentComparison', input) };
      const data = await call('reports.monthly', input);
      const annex: AnnexRow[] = [];
      while (annex.length < data.annexCount) {
        const page = await call('reports.annex', {
          month: data.month,
          offset: annex.length,
          limit: 1000,
          ...(input.team ? { team: input.team } : {}),
        });
        if (page.rows.length === 0) break;
        annex.push(...page.rows);
      }
      return { report, data, annex };
    };
    load()
      .then(setLoaded)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  useEffect(() => {
    if (!loaded && !error) return;
    // Two frames: React commits, then chart.js draws its canvases.
    const id = requestAnimationFrame(() => requestAnimationFrame(() => setReady(true)));
    return () => cancelAnimationFrame(id);
  }, [loaded, error]);

  const title = loaded ? reportTitles[loaded.report][language === 'en' ? 'en' : 'zh'] : '';
  const subtitle =
    loaded?.report === 'monthly'
      ? `${loaded.data.month} · ${loaded.data.teamName ?? t('reports.allTeams')}`
      : loaded
        ? `${loaded.data.from} – ${loaded.data.to} · ${loaded.data.teamName ?? t('reports.allTeams')}`
        : '';
  return (
    <div className="report-print" data-print-ready={ready ? 'true' : 'false'} data-print-error={error ?? undefined}>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {loaded && (
        <>
          <Typography.Title level={3}>{title}</Typography.Title>
          <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>
          {loaded.report === 'monthly' ? (
            <MonthlyView data={loaded.data} print annex={loaded.annex} />
          ) : (
            <>
              <ComparisonTable data={loaded.data} print />
              <SectionsBarChart data={loaded.data} print />
            </>
          )}
        </>
      )}
    </div>
  );
}
