import { Alert, Drawer, Spin, Table } from 'antd';
import { useEffect, useState } from 'react';
import type { EvaluationHistoryEntry } from '../../../../shared/contracts/reports';
import type { ErrorCode } from '../../../../shared/errors';
import { call } from '../../../api';
import { useI18n, useT, type MessageKey } from '../../../i18n';
import { errorCodeOf } from '../errors';
import { instant, points } from './format';

/**
 * Every revision, oldest first. A pulled evaluation's history lives at head office, so this needs the network: when
 * it cannot be had, the drawer says why in words (offline, sync not set up, not found) instead of failing.
 */
export function HistoryDrawer({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const language = useI18n((s) => s.language);
  const [entries, setEntries] = useState<EvaluationHistoryEntry[] | null>(null);
  const [error, setError] = useState<ErrorCode | 'not_configured' | null>(null);
  useEffect(() => {
    if (!open) return;
    let current = true;
    setEntries(null);
    setError(null);
    call('reports.evaluationHistory', { id })
      .then((e) => current && setEntries(e))
      .catch(async (e: unknown) => {
        const code = errorCodeOf(e);
        // Without sync set up the core refuses (conflict) like a revoked token would: say which it is.
        const configured = await call('sync.status', {})
          .then((s) => s.configured)
          .catch(() => true);
        if (current) setError(configured ? code : 'not_configured');
      });
    return () => {
      current = false;
    };
  }, [id, open]);
  return (
    <Drawer open={open} onClose={onClose} title={t('evaluation.history')} size="large">
      {error && <Alert type="warning" showIcon title={t(`evaluation.history.error.${error}` as MessageKey)} />}
      {!error && !entries && <Spin />}
      {entries && (
        <Table<EvaluationHistoryEntry>
          size="small"
          rowKey="revision"
          pagination={false}
          dataSource={entries}
          columns={[
            {
              title: t('evaluation.revision'),
              dataIndex: 'revision',
              render: (r: number) => t('ev.revision', { revision: r }),
            },
            {
              title: t('evaluation.submittedAt'),
              dataIndex: 'submittedAt',
              render: (v: string) => instant(v, language),
            },
            { title: t('evaluation.inspector'), dataIndex: 'inspectorName' },
            { title: t('reports.col.total'), dataIndex: 'total', align: 'right', render: points },
            { title: t('evaluation.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
          ]}
        />
      )}
    </Drawer>
  );
}
