import { Button, Card, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import type { RecordingSummary } from '../../../shared/contracts/evaluations';
import { useT } from '../../i18n';
import { formatDuration } from '../player/clock';
import { Player } from '../player/Player';
import { EditRecording } from './EditRecording';
import { flatItems, useEvaluate } from './store';

/** The player, pinned above the scorecard: waveform, playback, markers and timestamped notes (features/player). */
export function PlayerSlot({
  recordingId,
  onSettled,
  listsIn,
}: {
  recordingId: string;
  onSettled?: () => void;
  listsIn?: HTMLElement | null;
}) {
  return (
    <div className="ev-player-slot" data-slot="player" data-recording-id={recordingId}>
      <Player key={recordingId} recordingId={recordingId} onSettled={onSettled} listsIn={listsIn} />
    </div>
  );
}

/** One line under the back button: who, when, how long, what kind of call. */
export function CallLine({ recording }: { recording: RecordingSummary | null }) {
  const t = useT();
  if (!recording) return null;
  const agent = recording.agentNo ? `${recording.agentName ?? ''} ${recording.agentNo}`.trim() : t('ev.noAgent');
  return (
    <Typography.Text className="ev-call-line" data-testid="ev-call-line">
      <strong>{agent}</strong>
      <span>{recording.startedAt?.replace('T', ' ').slice(0, 16) ?? t('ev.noTime')}</span>
      {/* A store visit has no length; a chat's is its first to its last message. */}
      {recording.channel !== 'store' && <span>{formatDuration(recording.durationMs)}</span>}
      {recording.category && <span>{recording.category}</span>}
    </Typography.Text>
  );
}

export function RecordingDetails({ recording }: { recording: RecordingSummary }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const agent = recording.agentNo ? `${recording.agentName ?? ''} (${recording.agentNo})` : '—';
  // A chat and a store visit are not calls: their own titles, and a visit has no length or caller number.
  const { channel } = recording;
  const visit = channel === 'store';
  const items = [
    { key: 'agent', label: t('ev.agent'), children: agent },
    {
      key: 'startedAt',
      label: t(channel === 'phone' ? 'ev.startedAt' : `ev.startedAt.${channel}`),
      children: recording.startedAt?.replace('T', ' ') ?? '—',
    },
    !visit && { key: 'duration', label: t('ev.duration'), children: formatDuration(recording.durationMs) },
    { key: 'category', label: t('ev.category'), children: recording.category ?? '—' },
    !visit && { key: 'caller', label: t('ev.caller'), children: recording.callerNumber ?? '—' },
    { key: 'callId', label: t('ev.callId'), children: recording.callId ?? '—' },
    { key: 'file', label: t('ev.file'), children: <span className="ev-file">{recording.fileName}</span> },
  ].filter((item) => item !== false);
  return (
    <Card
      size="small"
      title={t(channel === 'phone' ? 'ev.details' : `ev.details.${channel}`)}
      className="ev-side-card"
      extra={
        <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="edit-recording">
          {t('ev.edit')}
        </Button>
      }
    >
      {editing && <EditRecording recording={recording} onClose={() => setEditing(false)} />}
      <Descriptions size="small" column={1} items={items} />
    </Card>
  );
}

/** The focused item's description and guidance, beside the form: reading them never moves a row. */
export function FocusedGuidance() {
  const t = useT();
  const def = useEvaluate((s) => s.def);
  const focus = useEvaluate((s) => s.focus);
  const item = flatItems(def)[focus];
  if (!item || (!item.description && !item.guidance)) return null;
  return (
    <Card size="small" title={`${t('ev.guidance')} · ${item.name}`} className="ev-side-card" data-testid="ev-guidance">
      {item.description && <Typography.Paragraph className="ev-guidance">{item.description}</Typography.Paragraph>}
      {item.guidance && <Typography.Paragraph className="ev-guidance">{item.guidance}</Typography.Paragraph>}
    </Card>
  );
}
