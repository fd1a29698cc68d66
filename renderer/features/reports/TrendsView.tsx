import { Card, Col, Row } from 'antd';
import { Line } from 'react-chartjs-2';
import type { Trends } from '../../../shared/report';
import { useT } from '../../i18n';
import { baseOptions, palette, rate } from './charts';

export function AgentTrendChart({ data, print = false }: { data: Trends; print?: boolean }) {
  const t = useT();
  return (
    <div className="report-chart" role="img" data-chart="agent-trend-chart" aria-label={t('reports.chart.agentTrend')}>
      <Line
        aria-label={t('reports.chart.agentTrend')}
        options={baseOptions<'line'>(print)}
        data={{
          labels: data.months,
          datasets: data.agents.map((a, i) => ({
            label: a.name,
            data: a.totals,
            borderColor: palette[i % palette.length],
            backgroundColor: palette[i % palette.length],
            spanGaps: true,
          })),
        }}
      />
    </div>
  );
}

export function SectionTrendChart({ data, print = false }: { data: Trends; print?: boolean }) {
  const t = useT();
  return (
    <div
      className="report-chart"
      role="img"
      data-chart="section-trend-chart"
      aria-label={t('reports.chart.sectionTrend')}
    >
      <Line
        aria-label={t('reports.chart.sectionTrend')}
        options={{ ...baseOptions<'line'>(print), scales: { y: { min: 0, max: 100 } } }}
        data={{
          labels: data.months,
          datasets: data.sections.map((s, i) => ({
            label: `${s.name}（${s.points}）`,
            data: (data.sectionAverages[s.id] ?? []).map((v) => rate(v, s.points)),
            borderColor: palette[i % palette.length],
            backgroundColor: palette[i % palette.length],
            spanGaps: true,
          })),
        }}
      />
    </div>
  );
}

export function TrendsView({ data }: { data: Trends }) {
  const t = useT();
  return (
    <Row gutter={16} className="report-view" data-report="trends">
      <Col xs={24} xl={12}>
        <Card size="small" title={t('reports.chart.agentTrend')}>
          <AgentTrendChart data={data} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('reports.chart.sectionTrend')}>
          <SectionTrendChart data={data} />
        </Card>
      </Col>
    </Row>
  );
}
