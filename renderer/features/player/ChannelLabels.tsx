import { Button, Tooltip, Typography } from 'antd';
import { memo, type Dispatch, type SetStateAction } from 'react';
import { useT } from '../../i18n';

const toggle = (list: boolean[], i: number) => list.map((v, j) => (j === i ? !v : v));

/** The name of each channel over its waveform, with mute and solo for stereo calls. */
export const ChannelLabels = memo(function ChannelLabels({
  count,
  channels,
  agentChannel,
  colors,
  channelHeight,
  muted,
  soloed,
  setMuted,
  setSoloed,
}: {
  /** Channels drawn (peaks); `channels` is the recording's own count. */
  count: number;
  channels: number;
  agentChannel: number;
  colors: string[];
  channelHeight: number;
  muted: boolean[];
  soloed: boolean[];
  setMuted: Dispatch<SetStateAction<boolean[]>>;
  setSoloed: Dispatch<SetStateAction<boolean[]>>;
}) {
  const t = useT();
  return (
    <div className="qa-player-labels">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="qa-player-label" style={{ top: i * channelHeight }} data-channel={i}>
          <Typography.Text strong style={{ color: colors[i] }}>
            {channels === 1 ? t('pl.mono') : i === agentChannel ? t('pl.agent') : t('pl.customer')}
          </Typography.Text>
          {channels > 1 && (
            <>
              <Tooltip title={t('pl.mute')}>
                <Button
                  size="small"
                  type={muted[i] ? 'primary' : 'default'}
                  danger={muted[i]}
                  aria-pressed={muted[i]}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => setMuted((m) => toggle(m, i))}
                >
                  M
                </Button>
              </Tooltip>
              <Tooltip title={t('pl.solo')}>
                <Button
                  size="small"
                  type={soloed[i] ? 'primary' : 'default'}
                  aria-pressed={soloed[i]}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => setSoloed((s) => toggle(s, i))}
                >
                  S
                </Button>
              </Tooltip>
            </>
          )}
        </div>
      ))}
    </div>
  );
});
