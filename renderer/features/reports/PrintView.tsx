import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ErrorCode } from '../../../shared/errors';
import {
  reportScopes,
  reportTitles,
  reportKinds,
  scoreModes,
  type ScoreMode,
  type AgentComparison,
  type AnnexRow,
  type MonthlyReport,
  type ReportKind,
  type ReportScope,
  type ScopeInput,
} from '../../../shared/report';
import type { SiteRanking } from '../../../shared/report-math';
import { call } from '../../api';
import { useI18n, useT, type Translate } from '../../i18n';
import { ComparisonTable, SectionsBarChart } from './ComparisonView';
import { errorCodeOf } from './errors';
import { MonthlyView } from './MonthlyView';
import { usePrintIdle } from './print-pending';
import { SiteRankingChart, SiteRankingTable } from './SiteRankingView';

export function isPrintRoute(hash = window.location.hash): boolean {
  return hash.startsWith('#/reports/print');
}

function printParams() {
  const query = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const report = query.get('report');
  const scope = query.get('scope');
  const scopeFields: ScopeInput = {
    ...((reportScopes as readonly string[]).includes(scope ?? '') ? { scope: scope as ReportScope } : {}),
    ...(query.get('team') ? { team: query.get('team')! } : {}),
    ...(query.get('site') ? { site: query.get('site')! } : {}),
  };
  const mode = query.get('scoreMode');
  const scoreMode = (scoreModes as readonly string[]).includes(mode ?? '') ? (mode as ScoreMode) : 'final';
  return {
    report: (reportKinds as readonly string[]).includes(report ?? '') ? (report as ReportKind) : 'monthly',
    input: { from: query.get('from') ?? '', to: query.get('to') ?? '', ...scopeFields, scoreMode },
    scope: scopeFields,
  };
}

type Loaded =
  | { report: 'monthly'; data: MonthlyReport; annex: AnnexRow[] }
  | { report: 'agentComparison'; data: AgentComparison }
  | { report: 'siteRanking'; data: SiteRanking };

/** What the printed report covers: its scope, team or site, as a reader of the paper needs to know. */
function coverage(t: Translate, scope: ScopeInput, teamName: string | null): string {
  const parts = [t(`reports.scope.${scope.scope ?? 'all'}`)];
  if (teamName) parts.push(teamName);
  if (scope.site) parts.push(scope.site);
  return parts.join(' · ');
}

/**
 * `#/reports/print?report=…&from=…&to=…&scope=…&team=…&site=…`: the report alone, charts drawn without animation.
 * When everything is on the page it sets data-print-ready, which Chromium (browser mode) and Electron's printToPDF
 * wait for.
 */
export function PrintView() {
  const t = useT();
  const language = useI18n((s) => s.language);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [ready, setReady] = useState(false);
  const idle = usePrintIdle();
  const { scope } = printParams();

  useEffect(() => {
    document.body.classList.add('qa-print');
    return () => document.body.classList.remove('qa-print');
  }, []);

  useEffect(() => {
    const { report, input, scope: fields } = printParams();
    const load = async (): Promise<Loaded> => {
      if (report === 'agentComparison') return { report, data: await call('reports.agentComparison', input) };
      if (report === 'siteRanking') return { report, data: await call('reports.siteRanking', input) };
      const data = await call('reports.monthly', input);
      const annex: AnnexRow[] = [];
      while (annex.length < data.annexCount) {
        const page = await call('reports.annex', {
          month: data.month,
          offset: annex.length,
          limit: 1000,
          ...fields,
          scoreMode: data.scoreMode,
        });
        if (page.rows.length === 0) break;
        annex.push(...page.rows);
      }
      return { report, data, annex };
    };
    load()
      .then(setLoaded)
      .catch((e: unknown) => setError(errorCodeOf(e)));
  }, []);

  useEffect(() => {
    if (!loaded && !error) return;
    // Two frames: React commits, then chart.js draws its canvases.
    const id = requestAnimationFrame(() => requestAnimationFrame(() => setReady(true)));
    return () => cancelAnimationFrame(id);
  }, [loaded, error]);

  const title = loaded ? reportTitles[loaded.report][language === 'en' ? 'en' : 'zh'] : '';
  const teamName = loaded && loaded.report !== 'siteRanking' ? loaded.data.teamName : null;
  const period =
    loaded?.report === 'monthly' ? loaded.data.month : loaded ? `${loaded.data.from} – ${loaded.data.to}` : '';
  return (
    <div
      className="report-print"
      data-print-ready={ready && idle ? 'true' : 'false'}
      data-print-error={error ?? undefined}
    >
      {error && <Typography.Text type="danger">{t(`reports.error.${error}`)}</Typography.Text>}
      {loaded && (
        <>
          <Typography.Title level={3}>{title}</Typography.Title>
          <Typography.Paragraph type="secondary">{`${period} · ${coverage(t, scope, teamName)}`}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" data-testid="print-score-mode">
            {t(`reports.scoreMode.caption.${loaded.data.scoreMode}`)}
          </Typography.Paragraph>
          {loaded.report === 'monthly' && <MonthlyView data={loaded.data} scope={scope} print annex={loaded.annex} />}
          {loaded.report === 'agentComparison' && (
            <>
              <ComparisonTable data={loaded.data} print />
              <SectionsBarChart data={loaded.data} print />
            </>
          )}
          {loaded.report === 'siteRanking' && (
            <>
              <SiteRankingTable data={loaded.data} print />
              <SiteRankingChart data={loaded.data} print />
            </>
          )}
        </>
      )}
    </div>
  );
}
