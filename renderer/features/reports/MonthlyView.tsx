import { Card, Col, Empty, List, Row, Space, Table, Tag, Typography } from 'antd';
import type { AnnexRow, Deduction, MonthlyReport, ScopeInput, Trends } from '../../../shared/report';
import { useT } from '../../i18n';
import { MonthlyDisputes, MonthlyFocus } from '../disputes/MonthlyFeedback';
import { ComparisonTable, SectionsBarChart } from './ComparisonView';
import { AnnexTable, PagedAnnex } from './MonthlyAnnex';
import { QuotaTable } from './QuotaTable';
import { AgentTrendChart, SectionTrendChart } from './TrendsView';
import { CallbacksSection } from './callbacks/CallbacksSection';
import { DeductionCauses } from './DeductionCauses';
import { spanLabel } from './cumulative';
import { NarrativeSection } from './narrative/NarrativeSection';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

type VolumeRow = MonthlyReport['volume']['categories'][number];

export function trendsOf(m: MonthlyReport): Trends {
  return {
    months: m.months,
    sections: m.sections,
    agents: m.trend,
    scoreMode: m.scoreMode,
    overall: { totals: m.sectionTotals.totals, counts: m.volume.totals, differences: m.sectionTotals.differences },
    sectionAverages: m.sectionAverages,
  };
}

function Deductions({ items }: { items: Deduction[] }) {
  const t = useT();
  return (
    <Table<Deduction>
      className="report-table"
      size="small"
      rowKey="itemId"
      pagination={false}
      dataSource={items.slice(0, 10)}
      columns={[
        { title: t('reports.m.section'), dataIndex: 'sectionName' },
        { title: t('reports.m.item'), dataIndex: 'itemName' },
        { title: t('reports.m.deducted'), dataIndex: 'deducted', align: 'right' },
        { title: t('reports.m.lost'), dataIndex: 'lostPoints', align: 'right', render: fmt },
        {
          // The share of the item's points lost where it was deducted (the exports' 失分率), not a score rate.
          title: t('reports.m.lostRate'),
          dataIndex: 'lostRate',
          align: 'right',
          render: (v: number) => `${(v * 100).toFixed(1)}%`,
        },
        {
          title: t('reports.m.quotes'),
          dataIndex: 'comments',
          render: (c: Deduction['comments']) => c.map((q) => `“${q.text}”（${q.count}）`).join(' '),
        },
      ]}
    />
  );
}

/** The monthly QA report, section by section; also the print route's body (print: static charts, whole annex). */
export function MonthlyView({
  data: m,
  scope,
  print = false,
  annex,
}: {
  data: MonthlyReport;
  /** The scope the report was asked for: the annex pages are asked for the same. */
  scope: ScopeInput;
  print?: boolean;
  annex?: AnnexRow[];
}) {
  const t = useT();
  const at = m.months.length - 1;
  const trends = trendsOf(m);
  return (
    <div className="report-view report-monthly" data-report="monthly">
      <section className="report-section">
        <Typography.Title level={4}>{t('reports.m.volume')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Table<VolumeRow>
              className="report-table"
              size="small"
              pagination={false}
              rowKey="category"
              title={() => t('reports.m.volume.byCategory')}
              dataSource={[
                ...m.volume.categories,
                {
                  category: '\u0000',
                  counts: m.volume.totals,
                  averages: m.volume.averages,
                  cumulative: m.volume.cumulative,
                },
              ]}
              columns={[
                {
                  title: t('reports.m.category'),
                  dataIndex: 'category',
                  render: (c: string) => (c === '\u0000' ? t('reports.m.total') : c || t('reports.m.uncategorised')),
                },
                ...m.months.map((mo, i) => ({
                  title: mo,
                  key: mo,
                  align: 'right' as const,
                  render: (_: unknown, r: VolumeRow) => r.counts[i],
                })),
                {
                  title: t('reports.m.average'),
                  key: 'avg',
                  align: 'right',
                  render: (_: unknown, r: VolumeRow) => fmt(r.averages[at]),
                },
                {
                  title: t('reports.cumulative.span', { span: spanLabel(m) }),
                  key: 'cumulative',
                  align: 'right',
                  render: (_: unknown, r: VolumeRow) => `${r.cumulative.count} / ${fmt(r.cumulative.average)}`,
                },
              ]}
            />
          </Col>
          <Col xs={24} xl={12}>
            <QuotaTable m={m} />
          </Col>
        </Row>
      </section>

      <section className="report-section">
        <Typography.Title level={4}>{t('reports.m.trend')}</Typography.Title>
        <AgentTrendChart data={trends} print={print} />
      </section>

      <section className="report-section">
        <Typography.Title level={4}>{t('reports.m.sections', { points: 100 })}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Table
              className="report-table"
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={m.sections}
              columns={[
                { title: t('reports.m.section'), dataIndex: 'name' },
                { title: t('reports.m.points'), dataIndex: 'points', align: 'right' },
                ...m.months.map((mo, i) => ({
                  title: mo,
                  key: mo,
                  align: 'right' as const,
                  render: (_: unknown, s: { id: string }) => fmt(m.sectionAverages[s.id]?.[i]),
                })),
              ]}
              summary={() => (
                <>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('reports.col.difference')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right" />
                    {m.months.map((mo, i) => (
                      <Table.Summary.Cell key={mo} index={2 + i} align="right">
                        <span data-testid={i === at ? 'monthly-difference' : undefined}>
                          {fmt(m.sectionTotals.differences[i])}
                        </span>
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('reports.m.total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      100
                    </Table.Summary.Cell>
                    {m.months.map((mo, i) => (
                      <Table.Summary.Cell key={mo} index={2 + i} align="right">
                        <span data-testid={i === at ? 'monthly-total' : undefined}>
                          {fmt(m.sectionTotals.totals[i])}
                        </span>
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                </>
              )}
            />
          </Col>
          <Col xs={24} xl={12}>
            <SectionTrendChart data={trends} print={print} />
          </Col>
        </Row>
      </section>

      <section className="report-section">
        <Typography.Title level={4}>{t('reports.m.comparison')}</Typography.Title>
        <ComparisonTable data={m.comparison} print={print} />
        {m.comparison.rows.length > 0 && <SectionsBarChart data={m.comparison} print={print} />}
      </section>

      <section className="report-section">
        <Typography.Title level={4}>{t('reports.m.problems')}</Typography.Title>
        <Typography.Title level={5}>{t('reports.m.problems.deductions')}</Typography.Title>
        {m.deductions.length === 0 ? <Empty /> : <Deductions items={m.deductions} />}
        <Typography.Title level={5}>{t('reports.m.problems.causes')}</Typography.Title>
        {m.causes.length === 0 ? <Empty /> : <DeductionCauses causes={m.causes} print={print} />}
        <Typography.Title level={5}>{t('reports.m.problems.tags')}</Typography.Title>
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('reports.m.findings')}>
              <Space wrap>
                {m.findings.map((f) => (
                  <Tag key={f.text}>
                    {f.text} × {f.count}
                  </Tag>
                ))}
              </Space>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('reports.m.suggestions')}>
              <List
                size="small"
                dataSource={m.suggestions}
                renderItem={(s) => <List.Item>{`${s.text}（${s.count}）`}</List.Item>}
              />
            </Card>
          </Col>
        </Row>
      </section>

      <MonthlyFocus m={m} />
      <NarrativeSection m={m} scope={scope} print={print} />
      <CallbacksSection m={m} scope={scope} print={print} />

      <section className="report-section" data-testid="monthly-annex">
        <Typography.Title level={4}>{t('reports.m.annex', { count: m.annexCount })}</Typography.Title>
        {print ? (
          <AnnexTable rows={annex ?? []} m={m} total={m.annexCount} print />
        ) : (
          <PagedAnnex m={m} scope={scope} />
        )}
      </section>

      <MonthlyDisputes m={m} />
    </div>
  );
}
