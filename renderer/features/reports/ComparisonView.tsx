import { Button, Card, Col, Row, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Bar, Radar } from 'react-chartjs-2';
import type { AgentComparison, AgentComparisonRow, ScopeInput } from '../../../shared/report';
import { AgentEvaluations } from './AgentEvaluations';
import { useT } from '../../i18n';
import { baseOptions, palette, rate } from './charts';

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const num = (v: number | null) => v ?? -Infinity;

export function ComparisonTable({
  data,
  print = false,
  onOpen,
}: {
  data: AgentComparison;
  print?: boolean;
  /** A row opens that agent's evaluations of the period (not on paper). */
  onOpen?: (row: AgentComparisonRow) => void;
}) {
  const t = useT();
  const columns: ColumnsType<AgentComparisonRow> = [
    { title: t('reports.col.agentNo'), dataIndex: 'agentNo', sorter: (a, b) => a.agentNo.localeCompare(b.agentNo) },
    { title: t('reports.col.name'), dataIndex: 'name' },
    { title: t('reports.col.count'), dataIndex: 'count', align: 'right', sorter: (a, b) => a.count - b.count },
    {
      title: t('reports.col.total'),
      dataIndex: 'total',
      align: 'right',
      render: fmt,
      sorter: (a, b) => num(a.total) - num(b.total),
      defaultSortOrder: print ? undefined : 'descend',
    },
    ...data.sections.map((s) => ({
      title: `${s.name}（${s.points}）`,
      key: s.id,
      align: 'right' as const,
      render: (_: unknown, r: AgentComparisonRow) => fmt(r.sections[s.id]),
      sorter: (a: AgentComparisonRow, b: AgentComparisonRow) => num(a.sections[s.id]) - num(b.sections[s.id]),
    })),
    {
      // The section columns plus this one add up to the average (shared/report-math.ts roundingDifference).
      title: t('reports.col.difference'),
      dataIndex: 'difference',
      align: 'right',
      render: fmt,
    },
    {
      title: t('reports.col.min'),
      dataIndex: 'min',
      align: 'right',
      render: fmt,
      sorter: (a, b) => num(a.min) - num(b.min),
    },
    {
      title: t('reports.col.max'),
      dataIndex: 'max',
      align: 'right',
      render: fmt,
      sorter: (a, b) => num(a.max) - num(b.max),
    },
    {
      title: t('reports.col.critical'),
      dataIndex: 'criticalFails',
      align: 'right',
      sorter: (a, b) => a.criticalFails - b.criticalFails,
    },
    { title: t('reports.col.previous'), dataIndex: 'previousTotal', align: 'right', render: fmt },
    {
      title: t('reports.col.delta'),
      dataIndex: 'delta',
      align: 'right',
      sorter: (a, b) => num(a.delta) - num(b.delta),
      render: (v: number | null) =>
        v === null ? (
          '—'
        ) : (
          <Typography.Text type={v < 0 ? 'danger' : 'success'}>{(v > 0 ? '+' : '') + v.toFixed(2)}</Typography.Text>
        ),
    },
  ];
  if (onOpen && !print)
    columns.push({
      title: t('reports.annex.actions'),
      key: 'open',
      fixed: 'right',
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          aria-label={t('reports.drill.openLabel', { name: r.name })}
          onClick={() => onOpen(r)}
        >
          {t('reports.drill.open')}
        </Button>
      ),
    });
  const o = data.overall;
  return (
    <Table<AgentComparisonRow>
      className="report-table report-nowrap"
      size="small"
      rowKey="agentNo"
      columns={columns}
      onRow={onOpen && !print ? (r) => ({ onDoubleClick: () => onOpen(r), className: 'report-row-open' }) : undefined}
      dataSource={data.rows}
      pagination={false}
      scroll={print ? undefined : { x: true }}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            <strong>{t('reports.overall')}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {o.count}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            <strong data-testid="overall-total">{fmt(o.total)}</strong>
          </Table.Summary.Cell>
          {data.sections.map((s, i) => (
            <Table.Summary.Cell key={s.id} index={4 + i} align="right">
              <span data-testid={`overall-section-${s.id}`}>{fmt(o.sections[s.id])}</span>
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={4 + data.sections.length} align="right">
            <span data-testid="overall-difference">{fmt(o.difference)}</span>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={5 + data.sections.length} align="right">
            {fmt(o.min)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={6 + data.sections.length} align="right">
            {fmt(o.max)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={7 + data.sections.length} align="right">
            {o.criticalFails}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={8 + data.sections.length} align="right">
            {fmt(o.previousTotal)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={9 + data.sections.length} align="right">
            {fmt(o.delta)}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

export function SectionsBarChart({ data, print = false }: { data: AgentComparison; print?: boolean }) {
  const t = useT();
  return (
    <div className="report-chart" role="img" data-chart="sections-chart" aria-label={t('reports.chart.sections')}>
      <Bar
        aria-label={t('reports.chart.sections')}
        options={{ ...baseOptions<'bar'>(print), scales: { y: { min: 0, max: 100 } } }}
        data={{
          labels: data.rows.map((r) => r.name),
          datasets: data.sections.map((s, i) => ({
            label: `${s.name}（${s.points}）`,
            data: data.rows.map((r) => rate(r.sections[s.id], s.points)),
            backgroundColor: palette[i % palette.length],
          })),
        }}
      />
    </div>
  );
}

function AgentVsTeam({ data, agentNo }: { data: AgentComparison; agentNo: string }) {
  const t = useT();
  const agent = data.rows.find((r) => r.agentNo === agentNo) ?? data.rows[0];
  const labels = data.sections.map((s) => s.name);
  const datasets = [
    {
      label: agent.name,
      data: data.sections.map((s) => rate(agent.sections[s.id], s.points)),
      backgroundColor: 'rgba(31,111,235,0.25)',
      borderColor: palette[0],
    },
    {
      label: t('reports.chart.teamAverage'),
      data: data.sections.map((s) => rate(data.overall.sections[s.id], s.points)),
      backgroundColor: 'rgba(245,166,35,0.2)',
      borderColor: palette[1],
    },
  ];
  return (
    <div
      className="report-chart"
      role="img"
      data-chart="agent-vs-team-chart"
      aria-label={t('reports.chart.agentVsTeam', { name: agent.name })}
    >
      {data.sections.length >= 3 ? (
        <Radar
          aria-label={t('reports.chart.agentVsTeam', { name: agent.name })}
          options={{ ...baseOptions<'radar'>(false), scales: { r: { min: 0, max: 100 } } }}
          data={{ labels, datasets }}
        />
      ) : (
        <Bar
          aria-label={t('reports.chart.agentVsTeam', { name: agent.name })}
          options={{ ...baseOptions<'bar'>(false), scales: { y: { min: 0, max: 100 } } }}
          data={{ labels, datasets }}
        />
      )}
    </div>
  );
}

export function ComparisonView({
  data,
  period,
}: {
  data: AgentComparison;
  /** The period and scope the comparison was asked for: a row opens that agent's evaluations of it. */
  period: { from: string; to: string } & ScopeInput;
}) {
  const t = useT();
  const [agentNo, setAgentNo] = useState<string | null>(null);
  const [opened, setOpened] = useState<AgentComparisonRow | null>(null);
  const selected = agentNo ?? data.rows[0]?.agentNo ?? null;
  return (
    <div className="report-view" data-report="comparison">
      <ComparisonTable data={data} onOpen={setOpened} />
      <AgentEvaluations agent={opened} period={period} onClose={() => setOpened(null)} />
      {data.rows.length > 0 && (
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('reports.chart.sections')}>
              <SectionsBarChart data={data} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card
              size="small"
              title={t('reports.chart.agentVsTeam', {
                name: data.rows.find((r) => r.agentNo === selected)?.name ?? '',
              })}
              extra={
                <Select
                  aria-label={t('reports.pickAgent')}
                  size="small"
                  style={{ width: 140 }}
                  value={selected}
                  onChange={setAgentNo}
                  options={data.rows.map((r) => ({ value: r.agentNo, label: `${r.name} ${r.agentNo}` }))}
                />
              }
            >
              {selected && <AgentVsTeam data={data} agentNo={selected} />}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
