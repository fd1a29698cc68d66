import {
  CaretRightOutlined,
  PauseOutlined,
  QuestionCircleOutlined,
  SoundOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
} from '@ant-design/icons';
import { Button, Select, Slider, Space, Switch, Tooltip, Typography } from 'antd';
import { memo, type RefObject } from 'react';
import { useT } from '../../i18n';
import { speeds } from './engine';
import type { PlayerAction } from './keys';
import { formatClock } from './clock';
import { ZoomLabel } from './zoom';

export interface ControlsProps {
  playing: boolean;
  rate: number;
  volume: number;
  durationS: number;
  skipDeadAir: boolean;
  canSkipDeadAir: boolean;
  disabled: boolean;
  timeRef: RefObject<HTMLSpanElement | null>;
  run(action: PlayerAction): void;
  setRate(rate: number): void;
  setVolume(volume: number): void;
  setSkipDeadAir(on: boolean): void;
  /** Shown beside the controls (the talk ratio), so it takes no line of its own. */
  info?: React.ReactNode;
}

/** Buttons don't take focus on click, so Space keeps meaning play/pause rather than "press the last button". */
const noFocus = { onMouseDown: (e: React.MouseEvent) => e.preventDefault() };

/** Memoised: the player re-renders on every load step (peaks, engine, painted, playable), the controls rarely change. */
export const Controls = memo(function Controls(p: ControlsProps) {
  const t = useT();
  const skip = (seconds: number, label: string) => (
    <Tooltip title={label}>
      <Button size="small" {...noFocus} disabled={p.disabled} onClick={() => p.run({ type: 'skip', seconds })}>
        {seconds > 0 ? `+${seconds}` : seconds}
      </Button>
    </Tooltip>
  );
  return (
    <div className="qa-player-controls">
      <Space size={4} wrap>
        {skip(-15, t('pl.back', { s: 15 }))}
        {skip(-5, t('pl.back', { s: 5 }))}
        <Button
          type="primary"
          size="small"
          {...noFocus}
          disabled={p.disabled}
          aria-label={p.playing ? t('pl.pause') : t('pl.play')}
          data-testid="player-play"
          icon={p.playing ? <PauseOutlined /> : <CaretRightOutlined />}
          onClick={() => p.run({ type: 'playPause' })}
        />
        {skip(5, t('pl.forward', { s: 5 }))}
        {skip(15, t('pl.forward', { s: 15 }))}
        <Typography.Text className="qa-player-time">
          <span ref={p.timeRef} data-testid="player-time" data-ms="0">
            0:00
          </span>{' '}
          {/* Whole seconds rounded like the library's duration column, so both show the same length. */}/{' '}
          {formatClock(Math.round(p.durationS))}
        </Typography.Text>
      </Space>
      <Space size={4} wrap>
        <Select
          size="small"
          aria-label={t('pl.speed')}
          data-testid="player-speed"
          value={p.rate}
          style={{ width: 78 }}
          options={speeds.map((s) => ({ value: s, label: `${s}×` }))}
          onChange={p.setRate}
        />
        <SoundOutlined aria-hidden />
        <Slider
          className="qa-player-volume"
          min={0}
          max={1}
          step={0.05}
          value={p.volume}
          onChange={p.setVolume}
          tooltip={{ formatter: (v) => `${Math.round((v ?? 0) * 100)}%` }}
          ariaLabelForHandle={t('pl.volume')}
          ariaValueTextFormatterForHandle={(v) => `${Math.round((v ?? 0) * 100)}%`}
        />
        <Tooltip title={t('pl.zoomOut')}>
          <Button
            size="small"
            {...noFocus}
            icon={<ZoomOutOutlined />}
            aria-label={t('pl.zoomOut')}
            onClick={() => p.run({ type: 'zoom', direction: -1 })}
          />
        </Tooltip>
        <ZoomLabel />
        <Tooltip title={t('pl.zoomIn')}>
          <Button
            size="small"
            {...noFocus}
            icon={<ZoomInOutlined />}
            aria-label={t('pl.zoomIn')}
            onClick={() => p.run({ type: 'zoom', direction: 1 })}
          />
        </Tooltip>
        {p.info}
        {p.canSkipDeadAir && (
          <Space size={4}>
            <Switch size="small" checked={p.skipDeadAir} onChange={p.setSkipDeadAir} aria-label={t('pl.skipDeadAir')} />
            <Typography.Text>{t('pl.skipDeadAir')}</Typography.Text>
          </Space>
        )}
        <Tooltip title={`${t('pl.help')} (?)`}>
          <Button
            size="small"
            type="text"
            {...noFocus}
            icon={<QuestionCircleOutlined />}
            aria-label={t('pl.help')}
            onClick={() => p.run({ type: 'help' })}
          />
        </Tooltip>
      </Space>
    </div>
  );
});
