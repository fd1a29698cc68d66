import { Typography } from 'antd';
import { memo } from 'react';
import { useT } from '../../i18n';
import { markerColors, type Marker } from './markers';
import { formatClock } from './clock';
import { VirtualRows } from './VirtualRows';

const labels = {
  talkOverAgent: 'pl.marker.talkOverAgent',
  talkOverCustomer: 'pl.marker.talkOverCustomer',
  deadAir: 'pl.marker.deadAir',
} as const;

/** Talk-over and dead air, in time order; a click jumps there. */
export const MarkerList = memo(function MarkerList({
  markers,
  onJump,
}: {
  markers: Marker[];
  onJump(ms: number): void;
}) {
  const t = useT();
  return (
    <VirtualRows
      items={markers}
      rowHeight={30}
      testId="player-markers"
      empty={<Typography.Text type="secondary">{t('pl.markers.empty')}</Typography.Text>}
      render={(m) => (
        <div
          className="qa-player-row"
          data-kind={m.kind}
          role="button"
          tabIndex={0}
          onClick={() => onJump(m.startMs)}
          onKeyDown={(e) => e.key === 'Enter' && onJump(m.startMs)}
        >
          <Typography.Text code>{formatClock(m.startMs / 1000)}</Typography.Text>
          <span
            className="qa-player-swatch"
            style={{ background: markerColors[m.kind].replace(/[\d.]+\)$/, '0.9)') }}
          />
          <span>{t(labels[m.kind as keyof typeof labels])}</span>
          <Typography.Text type="secondary">{((m.endMs - m.startMs) / 1000).toFixed(1)} s</Typography.Text>
        </div>
      )}
    />
  );
});
