import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Chart } from 'react-chartjs-2';
import type { SiteRanking, SiteRankingRow } from '../../../shared/report-math';
import { useT } from '../../i18n';
import { baseOptions, palette } from './charts';
import { Delta } from './Delta';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));
const num = (v: number | null) => v ?? -Infinity;

function SiteName({ site }: { site: string }) {
  const t = useT();
  return site ? <>{site}</> : <Typography.Text type="secondary">{t('reports.site.none')}</Typography.Text>;
}

/** Sites ranked by average, each figure beside its difference from the overall average. */
export function SiteRankingTable({ data, print = false }: { data: SiteRanking; print?: boolean }) {
  const t = useT();
  const columns: ColumnsType<SiteRankingRow> = [
    { title: t('reports.sites.rank'), dataIndex: 'rank', align: 'right', width: 64 },
    { title: t('reports.sites.site'), dataIndex: 'site', render: (s: string) => <SiteName site={s} /> },
    { title: t('reports.col.count'), dataIndex: 'count', align: 'right' },
    {
      title: t('reports.col.total'),
      dataIndex: 'total',
      align: 'right',
      render: (v: number | null) => <strong>{fmt(v)}</strong>,
    },
    {
      title: t('reports.sites.vsOverall'),
      dataIndex: 'vsOverall',
      align: 'right',
      render: (v: number | null) => <Delta value={v} against="overall" />,
      sorter: print ? undefined : (a, b) => num(a.vsOverall) - num(b.vsOverall),
    },
    ...data.sections.map((s) => ({
      title: `${s.name}（${s.points}）`,
      key: s.id,
      align: 'right' as const,
      render: (_: unknown, r: SiteRankingRow) => (
        <span className="report-cell-pair">
          {fmt(r.sections[s.id])} <Delta value={r.sectionsVsOverall[s.id] ?? null} against="overall" />
        </span>
      ),
    })),
    { title: t('reports.col.difference'), dataIndex: 'difference', align: 'right', render: fmt },
    { title: t('reports.col.critical'), dataIndex: 'criticalFails', align: 'right' },
    { title: t('reports.col.previous'), dataIndex: 'previousTotal', align: 'right', render: fmt },
    {
      title: t('reports.col.delta'),
      dataIndex: 'change',
      align: 'right',
      render: (v: number | null) => <Delta value={v} against="previous" />,
      sorter: print ? undefined : (a, b) => num(a.change) - num(b.change),
    },
  ];
  const o = data.overall;
  const cells = [
    o.count,
    <strong key="t" data-testid="sites-overall-total">
      {fmt(o.total)}
    </strong>,
    '',
    ...data.sections.map((s) => fmt(o.sections[s.id])),
    fmt(o.difference),
    o.criticalFails,
    fmt(o.previousTotal),
    <Delta key="d" value={o.delta} against="previous" />,
  ];
  return (
    <Table<SiteRankingRow>
      className="report-table report-nowrap"
      size="small"
      rowKey="site"
      columns={columns}
      dataSource={data.rows}
      pagination={false}
      scroll={print ? undefined : { x: true }}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            <strong>{t('reports.sites.overall')}</strong>
          </Table.Summary.Cell>
          {cells.map((c, i) => (
            <Table.Summary.Cell key={i} index={2 + i} align="right">
              {c}
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}

/** Each site's average as a bar (green at or above the overall average, red below) and the overall as a line. */
export function SiteRankingChart({ data, print = false }: { data: SiteRanking; print?: boolean }) {
  const t = useT();
  const overall = data.overall.total;
  const labels = data.rows.map((r) => r.site || t('reports.site.none'));
  return (
    <div className="report-chart" role="img" data-chart="site-ranking-chart" aria-label={t('reports.sites.chart')}>
      <Chart<'bar' | 'line', (number | null)[], string>
        type="bar"
        aria-label={t('reports.sites.chartLabel', {
          sites: data.rows
            .map((r) => `${r.site || t('reports.site.none')} ${fmt(r.total)}`)
            .join(t('sync.listSeparator')),
          overall: fmt(overall),
        })}
        options={{ ...baseOptions<'bar' | 'line'>(print), scales: { y: { min: 0, max: 100 } } }}
        data={{
          labels,
          datasets: [
            {
              type: 'line' as const,
              label: t('reports.sites.overallAverage'),
              data: data.rows.map(() => overall),
              borderColor: palette[1],
              backgroundColor: palette[1],
              borderDash: [6, 4],
              pointRadius: 0,
            },
            {
              type: 'bar' as const,
              label: t('reports.col.total'),
              maxBarThickness: 64,
              data: data.rows.map((r) => r.total),
              backgroundColor: data.rows.map((r) =>
                overall !== null && r.total !== null && r.total < overall ? palette[3] : palette[2],
              ),
            },
          ],
        }}
      />
    </div>
  );
}

export function SiteRankingView({ data }: { data: SiteRanking }) {
  const t = useT();
  return (
    <div className="report-view" data-report="siteRanking">
      <Typography.Paragraph type="secondary">
        {t('reports.sites.period', {
          from: data.from,
          to: data.to,
          previousFrom: data.previous.from,
          previousTo: data.previous.to,
        })}
      </Typography.Paragraph>
      <SiteRankingTable data={data} />
      {data.rows.length > 0 && (
        <Card size="small" title={t('reports.sites.chart')} style={{ marginTop: 16 }}>
          <SiteRankingChart data={data} />
        </Card>
      )}
    </div>
  );
}
