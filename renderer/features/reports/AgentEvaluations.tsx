import { Button, Drawer, Table, Tag } from 'antd';
import { useState } from 'react';
import type { AnnexRow, ScopeInput } from '../../../shared/report';
import { useT } from '../../i18n';
import { evaluationHash } from './evaluation/route';
import { Loading } from './Loading';
import { useReport } from './useReport';

const pageSize = 20;
const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

/**
 * A comparison row opened: that agent's evaluations of the period (reports.evaluations, a page at a time), each
 * opening the read-only evaluation. A lead goes from "杨冲 averages 77.3" to the calls behind it in two clicks.
 */
export function AgentEvaluations({
  agent,
  period,
  onClose,
}: {
  agent: { agentNo: string; name: string } | null;
  period: { from: string; to: string } & ScopeInput;
  onClose(): void;
}) {
  const t = useT();
  const [page, setPage] = useState(1);
  const { data, error } = useReport(
    'reports.evaluations',
    agent ? { ...period, agentNo: agent.agentNo, offset: (page - 1) * pageSize, limit: pageSize } : null,
  );
  const open = (row: AnnexRow) => {
    window.location.hash = evaluationHash(row.evaluationId);
  };
  return (
    <Drawer
      open={agent !== null}
      onClose={onClose}
      size="min(960px, 92vw)"
      title={
        agent
          ? t('reports.drill.title', { name: agent.name, agentNo: agent.agentNo, from: period.from, to: period.to })
          : ''
      }
      destroyOnHidden
    >
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table<AnnexRow>
          className="report-table report-nowrap"
          size="small"
          rowKey="evaluationId"
          data-testid="agent-evaluations"
          dataSource={data.rows}
          scroll={{ x: true }}
          onRow={(r) => ({ onDoubleClick: () => open(r) })}
          pagination={{ current: page, pageSize, total: data.total, showSizeChanger: false, onChange: setPage }}
          columns={[
            { title: t('reports.m.date'), dataIndex: 'day' },
            {
              title: t('reports.m.category'),
              dataIndex: 'category',
              render: (c: string) => c || t('reports.m.uncategorised'),
            },
            {
              title: t('reports.col.total'),
              dataIndex: 'total',
              align: 'right',
              render: (v: number, r) => (
                <>
                  {fmt(v)} {r.criticalFailed && <Tag color="red">{t('reports.col.critical')}</Tag>}
                </>
              ),
            },
            ...data.sections.map((s) => ({
              title: s.name,
              key: s.id,
              align: 'right' as const,
              render: (_: unknown, r: AnnexRow) => fmt(r.sections[s.id]),
            })),
            {
              title: t('reports.annex.actions'),
              key: 'open',
              render: (_, r) => (
                <Button
                  type="link"
                  size="small"
                  aria-label={t('reports.annex.openLabel', { name: r.name, day: r.day })}
                  onClick={() => open(r)}
                >
                  {t('reports.annex.open')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
