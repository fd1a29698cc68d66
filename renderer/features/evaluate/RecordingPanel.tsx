import { Card, Descriptions, Typography } from 'antd';
import type { RecordingSummary } from '../../../shared/contracts/evaluations';
import { useT } from '../../i18n';

const duration = (ms: number) => {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

/**
 * Where the player goes. The player feature replaces this component's body (waveform, playback, annotations);
 * the evaluate page only promises it the recording and a box beside the scorecard.
 */
export function PlayerSlot({ recording }: { recording: RecordingSummary }) {
  const t = useT();
  return (
    <div className="ev-player-slot" data-slot="player" data-recording-id={recording.id}>
      <Typography.Text type="secondary">{t('ev.playerSlot')}</Typography.Text>
    </div>
  );
}

export function RecordingPanel({ recording }: { recording: RecordingSummary }) {
  const t = useT();
  const agent = recording.agentNo ? `${recording.agentName ?? ''} (${recording.agentNo})` : '—';
  return (
    <Card size="small" title={t('ev.recording')}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'agent', label: t('ev.agent'), children: agent },
          { key: 'startedAt', label: t('ev.startedAt'), children: recording.startedAt?.replace('T', ' ') ?? '—' },
          { key: 'duration', label: t('ev.duration'), children: duration(recording.durationMs) },
          { key: 'category', label: t('ev.category'), children: recording.category ?? '—' },
          { key: 'caller', label: t('ev.caller'), children: recording.callerNumber ?? '—' },
          { key: 'callId', label: t('ev.callId'), children: recording.callId ?? '—' },
          { key: 'file', label: t('ev.file'), children: recording.fileName },
        ]}
      />
      <PlayerSlot recording={recording} />
    </Card>
  );
}
