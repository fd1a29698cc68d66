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
  same,
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
  /** Both channels hold the same sound: their names would claim who speaks, so they are numbered instead. */
  same: boolean;
  muted: boolean[];
  soloed: boolean[];
  setMuted: Dispatch<SetStateAction<boolean[]>>;
  setSoloed: Dispatch<SetStateAction<boolean[]>>;
}) {
  const t = useT();
  return (
    <div className="qa-player-labels">
      {Array.from({ length: count }, (_, i) => {
        const name =
          channels === 1 ? t('pl.mono') : same ? `${i + 1}` : i === agentChannel ? t('pl.agent') : t('pl.customer');
        return (
          <div
            key={i}
            className="qa-player-label"
            style={{ height: channelHeight }}
            data-channel={i}
            role="group"
            aria-label={t('pl.channel.label', { name })}
          >
            <Typography.Text strong style={{ color: colors[i] }}>
              {name}
            </Typography.Text>
            {channels > 1 && (
              <span className="qa-player-label-buttons">
                <Tooltip title={t('pl.mute')}>
                  <Button
                    size="small"
                    type={muted[i] ? 'primary' : 'default'}
                    danger={muted[i]}
                    aria-pressed={muted[i]}
                    aria-label={`${t('pl.mute')} ${name}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => setMuted((m) => toggle(m, i))}
                  >
                    {t('pl.mute.short')}
                  </Button>
                </Tooltip>
                <Tooltip title={t('pl.solo')}>
                  <Button
                    size="small"
                    type={soloed[i] ? 'primary' : 'default'}
                    aria-pressed={soloed[i]}
                    aria-label={`${t('pl.solo')} ${name}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => setSoloed((s) => toggle(s, i))}
                  >
                    {t('pl.solo.short')}
                  </Button>
                </Tooltip>
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
});
