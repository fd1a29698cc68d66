import { Alert, Button, Space } from 'antd';
import type { EvaluateView } from '../../../shared/contracts/evaluations';
import { useT } from '../../i18n';
import { formatTime } from './format';
import { sessionHash } from './route';

/**
 * Above the evaluate page while a call is scored for a calibration: which session, that the scoring is blind and does
 * not count for the agent, and the deadline; once closed, that no more scores are taken.
 */
export function CalibrationBanner({ calibration }: { calibration: NonNullable<EvaluateView['calibration']> }) {
  const t = useT();
  const closed = calibration.closedAt !== null;
  return (
    <Alert
      type={closed ? 'warning' : 'info'}
      showIcon
      data-testid="calibration-banner"
      style={{ marginBottom: 12 }}
      title={t('cal.banner', { name: calibration.name })}
      description={
        <Space orientation="vertical" size={4}>
          <span>
            {closed ? t('cal.banner.closed') : t('cal.banner.body', { deadline: formatTime(calibration.deadline) })}
          </span>
          <Button
            size="small"
            onClick={() => {
              window.location.hash = sessionHash(calibration.id);
            }}
          >
            {t('cal.banner.back')}
          </Button>
        </Space>
      }
    />
  );
}
