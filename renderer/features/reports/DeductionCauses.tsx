import { Col, Row, Table } from 'antd';
import { Bar } from 'react-chartjs-2';
import type { DeductionCause } from '../../../shared/report';
import { useT } from '../../i18n';
import { baseOptions, palette } from './charts';

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);

type ItemRow = DeductionCause['items'][number];

/** 原因分类: deductions and points lost per root cause with their shares; a row opens its sections and items. */
export function DeductionCauses({ causes, print = false }: { causes: DeductionCause[]; print?: boolean }) {
  const t = useT();
  const label = (c: DeductionCause) => (c.causeId === '' ? t('reports.m.causes.none') : c.label);
  return (
    <Row gutter={16} data-testid="deduction-causes">
      <Col xs={24} xl={14}>
        <Table<DeductionCause>
          className="report-table"
          size="small"
          rowKey="causeId"
          pagination={false}
          dataSource={causes}
          expandable={
            print
              ? undefined
              : {
                  expandedRowRender: (c) => (
                    <Table<ItemRow>
                      size="small"
                      rowKey={(i) => `${i.sectionId}\u0001${i.itemId}`}
                      pagination={false}
                      dataSource={c.items}
                      columns={[
                        { title: t('reports.m.section'), dataIndex: 'sectionName' },
                        { title: t('reports.m.item'), dataIndex: 'itemName' },
                        { title: t('reports.m.causes.count'), dataIndex: 'count', align: 'right' },
                        { title: t('reports.m.lost'), dataIndex: 'lostPoints', align: 'right', render: fmt },
                      ]}
                    />
                  ),
                  expandRowByClick: true,
                }
          }
          columns={[
            { title: t('reports.m.causes.cause'), key: 'cause', render: (_: unknown, c) => label(c) },
            { title: t('reports.m.causes.count'), dataIndex: 'count', align: 'right' },
            { title: t('reports.m.causes.countShare'), dataIndex: 'countShare', align: 'right', render: pct },
            { title: t('reports.m.lost'), dataIndex: 'lostPoints', align: 'right', render: fmt },
            { title: t('reports.m.causes.lostShare'), dataIndex: 'lostShare', align: 'right', render: pct },
          ]}
        />
      </Col>
      <Col xs={24} xl={10}>
        <div className="report-chart" role="img" data-chart="causes-chart" aria-label={t('reports.chart.causes')}>
          <Bar
            aria-label={t('reports.chart.causes')}
            options={{ ...baseOptions<'bar'>(print), indexAxis: 'y' }}
            data={{
              labels: causes.map(label),
              datasets: [
                {
                  label: t('reports.m.causes.count'),
                  data: causes.map((c) => c.count),
                  backgroundColor: palette[0],
                },
                {
                  label: t('reports.m.lost'),
                  data: causes.map((c) => c.lostPoints),
                  backgroundColor: palette[3],
                },
              ],
            }}
          />
        </div>
      </Col>
    </Row>
  );
}
