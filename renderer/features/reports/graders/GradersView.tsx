import { Alert, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { GradersView as Graders } from '../../../../shared/contracts/calibration';
import type { GraderRow } from '../../../../shared/grader-math';
import { useT, type Translate } from '../../../i18n';

const fixed = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function duration(t: Translate, seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  return t('graders.minutes', { m: Math.floor(s / 60), s: s % 60 });
}

function Strictness({ value }: { value: number | null }) {
  const t = useT();
  if (value === null) return <Typography.Text type="secondary">{t('graders.noPeers')}</Typography.Text>;
  const text =
    value > 0
      ? t('graders.stricter', { points: value.toFixed(2) })
      : t('graders.lenient', { points: (-value).toFixed(2) });
  return (
    <Tooltip title={text}>
      <Typography.Text type={Math.abs(value) >= 5 ? 'danger' : undefined} aria-label={text}>
        {`${value > 0 ? '+' : ''}${value.toFixed(2)}`}
      </Typography.Text>
    </Tooltip>
  );
}

/**
 * 质检员评估: per inspector, how much they scored, time per evaluation, how much of the calls they listened to, how
 * strict they are against peers on the same agents, their calibration alignment; drift alerts on top.
 */
export function GradersView({ data }: { data: Graders }) {
  const t = useT();
  const localInspector =
    data.source === 'local' && data.rows.every((r) => r.strictness === null) && data.rows.length <= 1;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-report="graders">
      <Typography.Paragraph type="secondary">{t('graders.intro')}</Typography.Paragraph>
      {data.alerts.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('graders.alerts')}
          data-testid="graders-alerts"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {data.alerts.map((a) => (
                <li key={`${a.inspectorId}:${a.kind}`}>
                  {t(`graders.alert.${a.kind}`, {
                    name: a.name || t('graders.me'),
                    months: a.months.length,
                    threshold: a.threshold,
                    values: a.values.map((v) => v.toFixed(2)).join(' / '),
                  })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Text type="secondary">
        {t(localInspector ? 'graders.source.localInspector' : `graders.source.${data.source}`)}
      </Typography.Text>
      <Table<GraderRow>
        size="small"
        rowKey="inspectorId"
        pagination={false}
        className="report-table"
        locale={{ emptyText: t('graders.empty') }}
        dataSource={data.rows}
        columns={[
          { title: t('graders.col.name'), render: (_, r) => r.name || t('graders.me') },
          { title: t('graders.col.evaluations'), dataIndex: 'evaluations' },
          { title: t('graders.col.active'), render: (_, r) => duration(t, r.activeSecondsMedian) },
          { title: t('graders.col.played'), render: (_, r) => pct(r.playedShare) },
          { title: t('graders.col.meanTotal'), render: (_, r) => fixed(r.meanTotal) },
          { title: t('graders.col.strictness'), render: (_, r) => <Strictness value={r.strictness} /> },
          { title: t('graders.col.alignment'), render: (_, r) => pct(r.alignment) },
          {
            title: t('graders.col.overturn'),
            render: (_, r) => (r.overturnRate === null ? t('graders.overturnNone') : pct(r.overturnRate)),
          },
          {
            title: t('graders.col.months'),
            render: (_, r) => (
              <Space size={2} wrap>
                {r.months.map((m) => (
                  <Tag key={m.month}>{`${m.month} ${fixed(m.strictness)}`}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
