import { Alert, Spin } from 'antd';
import type { ErrorCode } from '../../../shared/errors';
import { useT } from '../../i18n';

/** A report on its way, or why it could not be read (in the user's words, by code). */
export function Loading({ error }: { error: ErrorCode | null }) {
  const t = useT();
  return error ? (
    <Alert type="error" showIcon title={t(`reports.error.${error}`)} />
  ) : (
    <Spin tip={t('reports.loading')}>
      <div style={{ height: 120 }} />
    </Spin>
  );
}
