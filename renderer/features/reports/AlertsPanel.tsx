import { Alert, Collapse, List, Space, Tag } from 'antd';
import { useState } from 'react';
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

/** Whether the alerts are open, kept while the app runs (a lead who closed them wants them closed). */
let openChoice: boolean | null = null;

/**
 * The reports home's alerts for the selected month and team; thresholds come from the settings. Folded to one line
 * of counts per kind when there are more than three (a dozen alerts pushed the reports below the fold); the lead
 * opens them with a click.
 */
export function AlertsPanel({ alerts }: { alerts: Alerts | null }) {
  const t = useT();
  const [open, setOpen] = useState<boolean | null>(openChoice);
  if (!alerts) return null;
  const expanded = open ?? alerts.alerts.length <= 3;
  const counts = (Object.keys(colors) as ReportAlert['kind'][])
    .map((kind) => [kind, alerts.alerts.filter((a) => a.kind === kind).length] as const)
    .filter(([, n]) => n > 0);
  return (
    <Collapse
      size="small"
      className="report-alerts"
      data-testid="report-alerts"
      activeKey={expanded ? ['alerts'] : []}
      onChange={(keys) => {
        openChoice = keys.length > 0;
        setOpen(openChoice);
      }}
      items={[
        {
          key: 'alerts',
          label: (
            <Space wrap size={8}>
              <strong>{`${t('reports.alerts')} · ${alerts.month}`}</strong>
              {alerts.alerts.length === 0
                ? t('reports.alerts.none')
                : counts.map(([kind, n]) => (
                    <Tag key={kind} color={colors[kind]}>
                      {t(`reports.kind.${kind}`)} {n}
                    </Tag>
                  ))}
            </Space>
          ),
          children:
            alerts.alerts.length === 0 ? (
              <Alert type="success" showIcon title={t('reports.alerts.none')} />
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
            ),
        },
      ]}
    />
  );
}
