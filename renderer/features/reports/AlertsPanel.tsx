import { Alert, Card, List, Tag } from 'antd';
import type { Alerts, ReportAlert } from '../../../shared/report';
import { useT, type Translate } from '../../i18n';

const colors: Record<ReportAlert['kind'], string> = {
  drop: 'red',
  below: 'volcano',
  quota: 'gold',
  sectionDown: 'purple',
};

function describe(t: Translate, a: ReportAlert): string {
  const values = {
    name: a.name ?? a.sectionName ?? '',
    value: a.kind === 'quota' ? a.value : a.value.toFixed(2),
    previous: a.previous?.[0]?.toFixed(2) ?? '',
    threshold: a.threshold,
    series: [...(a.previous ?? []), a.value].map((v) => v.toFixed(2)).join(' → '),
  };
  return t(`reports.alert.${a.kind}`, values);
}

/** The reports home's alerts for the selected month and team; thresholds come from the settings. */
export function AlertsPanel({ alerts }: { alerts: Alerts | null }) {
  const t = useT();
  if (!alerts) return null;
  return (
    <Card
      size="small"
      title={`${t('reports.alerts')} · ${alerts.month}`}
      className="report-alerts"
      data-testid="report-alerts"
    >
      {alerts.alerts.length === 0 ? (
        <Alert type="success" showIcon message={t('reports.alerts.none')} />
      ) : (
        <List
          size="small"
          dataSource={alerts.alerts}
          renderItem={(a) => (
            <List.Item>
              <Tag color={colors[a.kind]}>{t(`reports.kind.${a.kind}`)}</Tag>
              {describe(t, a)}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
