import { Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { CallbackAnnexRow } from '../../../../shared/callbacks';
import type { MonthlyReport, ScopeInput } from '../../../../shared/report';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { evaluationHash } from '../evaluation/route';
import { usePrintLoading } from '../print-pending';
import { useReport } from '../useReport';

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(2));

function AnnexTable({
  rows,
  total,
  page,
  onPage,
  print,
}: {
  rows: CallbackAnnexRow[];
  total: number;
  page?: number;
  onPage?: (page: number) => void;
  print: boolean;
}) {
  const t = useT();
  const yes = (v: boolean) => (v ? t('callbacks.yes') : t('callbacks.no'));
  const columns: ColumnsType<CallbackAnnexRow> = [
    { title: t('callbacks.date'), dataIndex: 'date' },
    { title: t('callbacks.group'), dataIndex: 'group' },
    { title: t('callbacks.callId'), dataIndex: 'callId', render: (v: string | null) => v ?? '' },
    { title: t('reports.col.agentNo'), dataIndex: 'agentNo', render: (v: string | null) => v ?? '' },
    { title: t('reports.col.name'), dataIndex: 'agentName', render: (v: string | null) => v ?? '' },
    { title: t('callbacks.timeSatisfied'), dataIndex: 'timeSatisfied', render: yes },
    { title: t('callbacks.overallSatisfied'), dataIndex: 'overallSatisfied', render: yes },
    { title: t('callbacks.reason'), dataIndex: 'reason', className: 'report-wrap' },
    { title: t('callbacks.suggestion'), dataIndex: 'suggestion', className: 'report-wrap' },
    {
      title: t('callbacks.score'),
      dataIndex: 'evaluationTotal',
      align: 'right',
      render: (v: number | null, r) =>
        print || !r.evaluationId ? (
          fmt(v)
        ) : (
          <Button
            type="link"
            size="small"
            aria-label={t('narrative.openQuote')}
            onClick={() => (window.location.hash = evaluationHash(r.evaluationId!))}
          >
            {fmt(v)}
          </Button>
        ),
    },
  ];
  return (
    <Table<CallbackAnnexRow>
      className="report-table report-nowrap"
      size="small"
      rowKey="id"
      dataSource={rows}
      scroll={print ? undefined : { x: true }}
      pagination={onPage ? { current: page, pageSize: 50, total, showSizeChanger: false, onChange: onPage } : false}
      columns={columns}
    />
  );
}

function PagedCallbackAnnex({ m, scope }: { m: MonthlyReport; scope: ScopeInput }) {
  const [page, setPage] = useState(1);
  const { data } = useReport('callbacks.annex', { month: m.month, offset: (page - 1) * 50, limit: 50, ...scope });
  return (
    <AnnexTable rows={data?.rows ?? []} total={m.callbacks.annexCount} page={page} onPage={setPage} print={false} />
  );
}

/** On paper every call-back of the month; the print waits until all are on the page. */
function PrintedCallbackAnnex({ m, scope }: { m: MonthlyReport; scope: ScopeInput }) {
  const [rows, setRows] = useState<CallbackAnnexRow[] | null>(null);
  usePrintLoading(rows === null);
  const scopeKey = JSON.stringify(scope);
  useEffect(() => {
    const fields = JSON.parse(scopeKey) as ScopeInput;
    let current = true;
    const load = async () => {
      const all: CallbackAnnexRow[] = [];
      while (all.length < m.callbacks.annexCount) {
        const page = await call('callbacks.annex', { month: m.month, offset: all.length, limit: 1000, ...fields });
        if (page.rows.length === 0) break;
        all.push(...page.rows);
      }
      return all;
    };
    // a failed page prints what arrived rather than holding the whole report back
    load()
      .catch(() => [])
      .then((all) => current && setRows(all));
    return () => {
      current = false;
    };
  }, [m.month, m.callbacks.annexCount, scopeKey]);
  return <AnnexTable rows={rows ?? []} total={m.callbacks.annexCount} print />;
}

export function CallbackAnnex({ m, scope, print }: { m: MonthlyReport; scope: ScopeInput; print: boolean }) {
  return print ? <PrintedCallbackAnnex m={m} scope={scope} /> : <PagedCallbackAnnex m={m} scope={scope} />;
}
