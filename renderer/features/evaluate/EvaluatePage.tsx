import { Button } from 'antd';
import { useT } from '../../i18n';
import { useNavigation } from '../../shell/navigation';
import { EmptyPage } from '../../shell/EmptyPage';

export function EvaluatePage() {
  const t = useT();
  const go = useNavigation((s) => s.go);
  return (
    <EmptyPage title={t('evaluate.empty.title')} body={t('evaluate.empty.body')}>
      <Button type="primary" onClick={() => go('library')}>
        {t('nav.library')}
      </Button>
    </EmptyPage>
  );
}
