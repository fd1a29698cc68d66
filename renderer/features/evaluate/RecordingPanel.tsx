import { Card, Descriptions } from 'antd';
import type { RecordingSummary } from '../../../shared/contracts/evaluations';
import { useT } from '../../i18n';
import { Player } from '../player/Player';

const duration = (ms: number) => {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

/** The player beside the scorecard: waveform, playback, markers and timestamped notes (renderer/features/player). */
export function PlayerSlot({ recordingId, onSettled }: { recordingId: string; onSettled?: () => void }) {
  return (
    <div className="ev-player-slot" data-slot="player" data-recording-id={recordingId}>
      <Player key={recordingId} recordingId={recordingId} onSettled={onSettled} />
    </div>
  );
}

/**
 * The call's player and its details. The player starts at once, from the id alone; the details follow with the
 * evaluation.
 */
export function RecordingPanel({
  recordingId,
  recording,
  revealed,
  onSettled,
}: {
  recordingId: string;
  recording: RecordingSummary | null;
  /** Show the details: the player is settled. Under the player, so they never push the waveform down. */
  revealed: boolean;
  onSettled?: () => void;
}) {
  const t = useT();
  return (
    <Card size="small" title={t('ev.recording')}>
      <PlayerSlot recordingId={recordingId} onSettled={onSettled} />
      {revealed && recording && <RecordingDetails recording={recording} />}
    </Card>
  );
}

function RecordingDetails({ recording }: { recording: RecordingSummary }) {
  const t = useT();
  const agent = recording.agentNo ? `${recording.agentName ?? ''} (${recording.agentNo})` : '—';
  return (
    <Descriptions
      size="small"
      column={1}
      style={{ marginTop: 12 }}
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
  );
}
