import { Typography } from 'antd';
import { create } from 'zustand';
import { useT } from '../../i18n';

/**
 * The open player's zoom (px/s; 0 = whole call). Kept apart from the player's React state so a zoom step
 * re-renders this label only, not the player and its controls, within the frame the waveform is redrawn in.
 */
export const usePlayerZoom = create<{ px: number }>(() => ({ px: 0 }));

export function ZoomLabel() {
  const t = useT();
  const px = usePlayerZoom((s) => s.px);
  return (
    <Typography.Text type="secondary" className="qa-player-zoom" data-testid="player-zoom" data-px={px}>
      {px ? t('pl.zoomLevel', { px }) : t('pl.zoomFit')}
    </Typography.Text>
  );
}
