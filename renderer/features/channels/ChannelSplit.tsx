import { Card, Segmented, Table } from 'antd';
import { contactChannels, type ContactChannel } from '../../../shared/channels';
import type { ChannelSummary } from '../../../shared/report';
import { useT } from '../../i18n';

/** Which channel the comparison shows: all (the default) or one. */
export function ChannelPicker({
  value,
  onChange,
}: {
  value: ContactChannel | null;
  onChange: (channel: ContactChannel | null) => void;
}) {
  const t = useT();
  return (
    <Segmented
      aria-label={t('ch.channel')}
      data-testid="report-channel"
      value={value ?? 'all'}
      onChange={(v) => onChange(v === 'all' ? null : (v as ContactChannel))}
      options={[
        { value: 'all', label: t('ch.channel.all') },
        ...contactChannels.map((c) => ({ value: c, label: t(`ch.channel.${c}`) })),
      ]}
    />
  );
}

/** The period's evaluations per channel: how many, the average total and the critical fails. */
export function ChannelSplit({ rows }: { rows: ChannelSummary[] }) {
  const t = useT();
  if (rows.length === 0) return null;
  return (
    <Card size="small" title={t('ch.split.title')} data-testid="channel-split">
      <Table<ChannelSummary>
        size="small"
        pagination={false}
        rowKey="channel"
        dataSource={rows}
        columns={[
          { key: 'channel', title: t('ch.channel'), render: (_, r) => t(`ch.channel.${r.channel}`) },
          { key: 'n', title: t('ch.split.evaluations'), dataIndex: 'evaluations', align: 'right' },
          {
            key: 'average',
            title: t('ch.split.average'),
            align: 'right',
            render: (_, r) => (r.average === null ? '—' : r.average.toFixed(2)),
          },
          { key: 'critical', title: t('ch.split.critical'), dataIndex: 'criticalFails', align: 'right' },
        ]}
      />
    </Card>
  );
}
