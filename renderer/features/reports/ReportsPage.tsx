import { useT } from '../../i18n';
import { EmptyPage } from '../../shell/EmptyPage';

export function ReportsPage() {
  const t = useT();
  return <EmptyPage title={t('reports.empty.title')} body={t('reports.empty.body')} />;
}
