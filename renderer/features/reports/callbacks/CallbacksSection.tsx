import { Col, Empty, Row, Space, Typography } from 'antd';
import type { MonthlyReport, ScopeInput } from '../../../../shared/report';
import { useT } from '../../../i18n';
import { CallbackAnnex } from './CallbackAnnex';
import { CallbackGroupsChart, CallbackMonthsChart } from './CallbackCharts';
import { CallbackImport } from './CallbackImport';
import {
  CallbackAgents,
  CallbackGroupsTable,
  CallbackMonthsTable,
  CallbackReasons,
  CallbackSuggestions,
} from './CallbackTables';

/**
 * 六、客户回访满意度: per month with the 合计 of the report's cumulative months, per caller group, the report month's
 * dissatisfied by reason and the suggestions, per agent beside the QA average, and every call-back of the month.
 */
export function CallbacksSection({
  m,
  scope,
  print = false,
}: {
  m: MonthlyReport;
  scope: ScopeInput;
  print?: boolean;
}) {
  const t = useT();
  const cb = m.callbacks;
  const any = cb.months.some((x) => x.total > 0);
  return (
    <section className="report-section" data-testid="monthly-callbacks">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="center">
        <Typography.Title level={4}>{t('callbacks.title')}</Typography.Title>
        {!print && <CallbackImport />}
      </Space>
      {!any ? (
        <Empty description={t('callbacks.none')} />
      ) : (
        <>
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <CallbackMonthsTable m={m} />
            </Col>
            <Col xs={24} xl={12}>
              <CallbackMonthsChart data={cb} print={print} />
            </Col>
          </Row>
          <Row gutter={16} style={{ marginTop: 12 }}>
            <Col xs={24} xl={12}>
              <CallbackGroupsTable m={m} />
            </Col>
            <Col xs={24} xl={12}>
              <CallbackGroupsChart data={cb} print={print} />
            </Col>
          </Row>
          <Row gutter={16} style={{ marginTop: 12 }}>
            <Col xs={24} xl={12}>
              <CallbackReasons m={m} />
            </Col>
            <Col xs={24} xl={12}>
              <CallbackSuggestions m={m} />
            </Col>
          </Row>
          {cb.agents.length > 0 && (
            <div style={{ marginTop: 12 }}>
              <CallbackAgents m={m} />
            </div>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('callbacks.annex', { count: cb.annexCount })}
          </Typography.Title>
          <CallbackAnnex m={m} scope={scope} print={print} />
        </>
      )}
    </section>
  );
}
