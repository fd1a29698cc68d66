import { Button, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { AnnexRow, MonthlyReport, ScopeInput } from '../../../shared/report';
import { useT } from '../../i18n';
import { evaluationHash } from './evaluation/route';
import { useReport } from './useReport';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

/** Who scored the row; a head-office row is marked, since it is read-only here and was scored elsewhere. */
function Inspector({ row }: { row: AnnexRow }) {
  const t = useT();
  if (row.source === 'own') return <>{row.inspectorName || t('reports.annex.thisApp')}</>;
  return (
    <>
      {row.inspectorName}{' '}
      <Tooltip title={t('reports.annex.pulledHelp')}>
        <Tag color="purple" className="report-pulled-tag">
          {t('reports.annex.pulled')}
        </Tag>
      </Tooltip>
    </>
  );
}

/** The annex, one row per evaluation; on screen each row opens the read-only evaluation. */
export function AnnexTable({
  rows,
  m,
  total,
  page,
  onPage,
  print = false,
}: {
  rows: AnnexRow[];
  m: MonthlyReport;
  total: number;
  page?: number;
  onPage?: (page: number) => void;
  print?: boolean;
}) {
  const t = useT();
  const open = (id: string) => {
    window.location.hash = evaluationHash(id);
  };
  const columns: ColumnsType<AnnexRow> = [
    { title: t('reports.m.date'), dataIndex: 'day' },
    { title: t('reports.col.agentNo'), dataIndex: 'agentNo' },
    { title: t('reports.col.name'), dataIndex: 'name' },
    {
      title: t('reports.m.category'),
      dataIndex: 'category',
      render: (c: string) => c || t('reports.m.uncategorised'),
    },
    { title: t('reports.annex.inspector'), key: 'inspector', render: (_, r) => <Inspector row={r} /> },
    { title: t('reports.col.total'), dataIndex: 'total', align: 'right', render: fmt },
    ...m.sections.map((s) => ({
      title: s.name,
      key: s.id,
      align: 'right' as const,
      render: (_: unknown, r: AnnexRow) => fmt(r.sections[s.id]),
    })),
    {
      title: t('reports.m.findings'),
      dataIndex: 'findings',
      className: 'report-wrap',
      render: (f: string[]) => f.join('、'),
    },
    { title: t('reports.m.comment'), dataIndex: 'comment', className: 'report-wrap' },
  ];
  if (!print) {
    columns.push({
      title: t('reports.annex.actions'),
      key: 'open',
      fixed: 'right',
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          aria-label={t('reports.annex.openLabel', { name: r.name, day: r.day })}
          onClick={() => open(r.evaluationId)}
        >
          {t('reports.annex.open')}
        </Button>
      ),
    });
  }
  return (
    <Table<AnnexRow>
      className="report-table report-nowrap"
      size="small"
      rowKey="evaluationId"
      dataSource={rows}
      scroll={print ? undefined : { x: true }}
      onRow={print ? undefined : (r) => ({ onDoubleClick: () => open(r.evaluationId) })}
      pagination={onPage ? { current: page, pageSize: 50, total, showSizeChanger: false, onChange: onPage } : false}
      columns={columns}
    />
  );
}

export function PagedAnnex({ m, scope }: { m: MonthlyReport; scope: ScopeInput }) {
  const [page, setPage] = useState(1);
  const { data } = useReport('reports.annex', {
    month: m.month,
    offset: (page - 1) * 50,
    limit: 50,
    ...scope,
    scoreMode: m.scoreMode,
  });
  return <AnnexTable rows={data?.rows ?? []} m={m} total={m.annexCount} page={page} onPage={setPage} />;
}
