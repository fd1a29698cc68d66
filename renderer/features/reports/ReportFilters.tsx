import { Radio, Select, Space, Tag, Typography } from 'antd';
import { scoreModes, type ReportOptions, type ReportScope, type ScoreMode } from '../../../shared/report';
import { useT } from '../../i18n';
import {
  quarterOf,
  scopesFor,
  siteChoices,
  teamChoices,
  yearToDate,
  type PeriodMode,
  type ReportFilter,
} from './scope';
import { useReports } from './store';

/** Month, quarter, year to date or any range of months: the quarter preset is what provincial rankings use. */
function PeriodPicker({ filter, months }: { filter: ReportFilter; months: string[] }) {
  const t = useT();
  const { setFilter, setPeriodMode } = useReports();
  const all = [...new Set([...months, filter.from, filter.to])].sort().reverse();
  const monthOptions = all.map((m) => ({ value: m, label: m }));
  const quarters = [...new Map(all.map((m) => [quarterOf(m).from, quarterOf(m)])).values()];
  return (
    <Space wrap>
      <Typography.Text id="report-period-label">{t('reports.period')}</Typography.Text>
      <Radio.Group
        aria-labelledby="report-period-label"
        optionType="button"
        size="small"
        value={filter.period}
        onChange={(e) => setPeriodMode(e.target.value as PeriodMode)}
        options={(['month', 'quarter', 'ytd', 'range'] as const).map((m) => ({
          value: m,
          label: t(`reports.period.${m}`),
        }))}
      />
      {filter.period === 'month' && (
        <Select
          aria-label={t('reports.month')}
          style={{ width: 120 }}
          value={filter.to}
          options={monthOptions}
          onChange={(m) => setFilter({ from: m, to: m })}
        />
      )}
      {filter.period === 'quarter' && (
        <Select
          aria-label={t('reports.quarter')}
          style={{ width: 150 }}
          value={quarterOf(filter.to).from}
          options={quarters.map((q) => ({ value: q.from, label: t('reports.quarterLabel', { year: q.year, q: q.q }) }))}
          onChange={(from) => setFilter(quarterOf(from))}
        />
      )}
      {filter.period === 'ytd' && (
        <Select
          aria-label={t('reports.ytd')}
          style={{ width: 120 }}
          value={filter.to}
          options={monthOptions}
          onChange={(m) => setFilter(yearToDate(m))}
        />
      )}
      {filter.period === 'range' && (
        <>
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
        </>
      )}
    </Space>
  );
}

/** 我的评分 / 我的班组 / 本分公司 / 全部, as the role allows, with the team and site inside the scope. */
function ScopePicker({ filter, options }: { filter: ReportFilter; options: ReportOptions }) {
  const t = useT();
  const setFilter = useReports((s) => s.setFilter);
  const scopes = scopesFor(options);
  const teams = teamChoices(options, filter.scope);
  const sites = siteChoices(options, filter.scope);
  return (
    <Space wrap>
      <Typography.Text id="report-scope-label">{t('reports.scope')}</Typography.Text>
      {scopes.length > 1 && (
        <Radio.Group
          aria-labelledby="report-scope-label"
          optionType="button"
          size="small"
          value={filter.scope}
          onChange={(e) => setFilter({ scope: e.target.value as ReportScope })}
          options={scopes.map((s) => ({ value: s, label: t(`reports.scope.${s}`) }))}
        />
      )}
      {scopes.length === 1 && <Tag>{t(`reports.scope.${scopes[0]}`)}</Tag>}
      {teams && (
        <Select
          aria-label={t('reports.team')}
          style={{ width: 150 }}
          value={filter.team ?? ''}
          onChange={(team) => setFilter({ team: team || null })}
          options={[
            { value: '', label: filter.scope === 'team' ? t('reports.allMyTeams') : t('reports.allTeams') },
            ...teams.map((x) => ({ value: x.id, label: x.name })),
          ]}
        />
      )}
      {sites && (
        <Select
          aria-label={t('reports.site')}
          style={{ width: 150 }}
          value={filter.site ?? ''}
          onChange={(site) => setFilter({ site: site || null })}
          options={[{ value: '', label: t('reports.allSites') }, ...sites.map((s) => ({ value: s, label: s }))]}
        />
      )}
      {filter.scope === 'site' && filter.site && <Tag color="blue">{filter.site}</Tag>}
    </Space>
  );
}

/** 最终得分 / 致命项前得分: which score every table, chart and export of the reports shows. */
function ScoreModePicker({ filter }: { filter: ReportFilter }) {
  const t = useT();
  const setFilter = useReports((s) => s.setFilter);
  return (
    <Space wrap>
      <Typography.Text id="report-score-mode-label">{t('reports.scoreMode')}</Typography.Text>
      <Radio.Group
        aria-labelledby="report-score-mode-label"
        optionType="button"
        size="small"
        value={filter.scoreMode ?? 'final'}
        onChange={(e) => setFilter({ scoreMode: e.target.value as ScoreMode })}
        options={scoreModes.map((m) => ({ value: m, label: t(`reports.scoreMode.${m}`) }))}
      />
    </Space>
  );
}

export function ReportFilters({ filter, options }: { filter: ReportFilter; options: ReportOptions }) {
  return (
    <Space orientation="vertical" size="small">
      <ScopePicker filter={filter} options={options} />
      <PeriodPicker filter={filter} months={options.months} />
      <ScoreModePicker filter={filter} />
    </Space>
  );
}
