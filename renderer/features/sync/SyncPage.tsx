import { Button } from 'antd';
import { useT } from '../../i18n';
import { useNavigation } from '../../shell/navigation';
import { EmptyPage } from '../../shell/EmptyPage';

export function SyncPage() {
  const t = useT();
  const go = useNavigation((s) => s.go);
  return (
    <EmptyPage title={t('sync.empty.title')} body={t('sync.empty.body')}>
      <Button onClick={() => go('settings')}>{t('nav.settings')}</Button>
    </EmptyPage>
  );
}
