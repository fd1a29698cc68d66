import { Col, Row, Table, Typography } from 'antd';
import type { MonthlyReport } from '../../../shared/report';
import { useT } from '../../i18n';
import { FocusTable } from '../coaching/FocusTable';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The monthly report's dispute statistics, after the annex (the report's own sections are the domain's seven). */
export function MonthlyDisputes({ m }: { m: MonthlyReport }) {
  const t = useT();
  const d = m.disputes;
  return (
    <>
      {d && (
        <section className="report-section" data-testid="monthly-disputes">
          <Typography.Title level={4}>{t('reports.m.disputes')}</Typography.Title>
          <Typography.Paragraph>
            {t('reports.m.disputes.summary', {
              evaluations: d.evaluations,
              acknowledged: d.acknowledged,
              disputes: d.disputes,
              rate: pct(d.rate),
              escalated: d.escalated,
              hours: d.decisionHours === null ? '—' : d.decisionHours,
            })}
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} xl={8}>
              <Table
                className="report-table"
                size="small"
                pagination={false}
                rowKey="agentNo"
                dataSource={d.byAgent}
                columns={[
                  { title: t('reports.m.disputes.agent'), render: (_, a) => `${a.name} ${a.agentNo}` },
                  { title: t('reports.m.disputes.count'), dataIndex: 'disputes', align: 'right' },
                  { title: t('reports.m.disputes.rate'), align: 'right', render: (_, a) => pct(a.rate) },
                ]}
              />
            </Col>
            <Col xs={24} xl={8}>
              <Table
                className="report-table"
                size="small"
                pagination={false}
                rowKey="inspectorId"
                dataSource={d.byInspector.filter((i) => i.disputes > 0)}
                columns={[
                  { title: t('reports.m.disputes.inspector'), dataIndex: 'name' },
                  { title: t('reports.m.disputes.rate'), align: 'right', render: (_, i) => pct(i.rate) },
                  {
                    title: t('reports.m.disputes.overturnRate'),
                    align: 'right',
                    render: (_, i) => pct(i.overturnRate),
                  },
                  {
                    title: t('reports.m.disputes.hours'),
                    align: 'right',
                    render: (_, i) => (i.decisionHours === null ? '—' : i.decisionHours),
                  },
                ]}
              />
            </Col>
            <Col xs={24} xl={8}>
              <Table
                className="report-table"
                size="small"
                pagination={false}
                rowKey="itemId"
                dataSource={d.byItem}
                columns={[
                  { title: t('reports.m.disputes.item'), dataIndex: 'name' },
                  { title: t('reports.m.disputes.count'), dataIndex: 'disputes', align: 'right' },
                  { title: t('reports.m.disputes.overturned'), dataIndex: 'overturned', align: 'right' },
                ]}
              />
            </Col>
          </Row>
        </section>
      )}
    </>
  );
}

/** This month's focus items with their verdicts and next month's (the end of section 五). */
export function MonthlyFocus({ m }: { m: MonthlyReport }) {
  const t = useT();
  return (
    <>
      {m.focus && (
        <section className="report-section" data-testid="monthly-focus">
          <Typography.Title level={4}>{t('reports.m.focus.due')}</Typography.Title>
          <FocusTable items={m.focus.due} />
          <Typography.Title level={4}>{t('reports.m.focus.next')}</Typography.Title>
          <FocusTable items={m.focus.next} />
        </section>
      )}
    </>
  );
}
