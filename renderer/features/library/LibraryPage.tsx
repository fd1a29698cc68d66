import { useT } from '../../i18n';
import { EmptyPage } from '../../shell/EmptyPage';

export function LibraryPage() {
  const t = useT();
  return <EmptyPage title={t('library.empty.title')} body={t('library.empty.body')} />;
}
