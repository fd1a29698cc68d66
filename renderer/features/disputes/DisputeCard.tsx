import { playFrom } from '../player/play-from';
import { Alert, Button, Card, Input, InputNumber, Radio, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { DisputeView } from '../../../shared/contracts/disputes';
import type { EvaluationReadView } from '../../../shared/contracts/reports';
import type { Identity } from '../../../shared/sync';
import { call, recordingMedia } from '../../api';
import { useT } from '../../i18n';
import { formatPosition } from '../player/clock';
import { answerText, centreTime, failureText } from './format';

type Verdicts = Record<string, { accept: boolean; points?: number | null; note: string }>;

/** Who may act on a dispute now: the inspector who scored it decides, the lead escalates, head office arbitrates. */
function actionOf(d: DisputeView, me: Identity | null): 'decide' | 'escalate' | 'arbitrate' | null {
  if (!me || !d.synced || d.steps.some((s) => s.sync !== 'rejected')) return null;
  if (d.status === 'open' && me.userId === d.inspectorId) return 'decide';
  if (d.status === 'decided' && me.role === 'lead' && !d.final && d.items.some((i) => i.decision && !i.decision.accept))
    return 'escalate';
  if (d.status === 'escalated' && me.role === 'head_office') return 'arbitrate';
  return null;
}

/** The inspector's own comments and notes on the call, with the audio to play a note from its time. */
function Evidence({ evaluationId }: { evaluationId: string }) {
  const t = useT();
  const audio = useRef<HTMLAudioElement>(null);
  const [view, setView] = useState<EvaluationReadView | null>(null);
  useEffect(() => {
    call('reports.evaluation', { id: evaluationId })
      .then(setView)
      .catch(() => setView(null));
  }, [evaluationId]);
  if (!view) return null;
  // A chat or a store visit (call.channel set) has no audio: its notes are read, not played.
  const audible = view.call?.channel ? null : view.recordingId;
  const play = (ms: number) => {
    if (!audio.current) return;
    playFrom(audio.current, ms);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {view.body.comment && (
        <Typography.Text>
          {t('disputes.comment')}：{view.body.comment}
        </Typography.Text>
      )}
      {audible && <audio ref={audio} controls preload="none" src={recordingMedia(audible)} style={{ width: '100%' }} />}
      <Typography.Text strong>{t('disputes.notes')}</Typography.Text>
      {view.notes.length === 0 && <Typography.Text type="secondary">{t('disputes.none')}</Typography.Text>}
      {view.notes.map((n, i) => (
        <Space key={i}>
          {audible ? (
            <Button size="small" onClick={() => play(n.startMs)}>
              {t('disputes.play', { at: formatPosition(n.startMs) })}
            </Button>
          ) : (
            <Tag>{formatPosition(n.startMs)}</Tag>
          )}
          <Typography.Text>{n.text}</Typography.Text>
        </Space>
      ))}
      {Object.entries(view.body.itemComments).map(([item, text]) => (
        <Typography.Text key={item} type="secondary">
          {item}：{text}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function DisputeCard({
  dispute,
  me,
  onChange,
  evidence = false,
}: {
  dispute: DisputeView;
  me: Identity | null;
  onChange: () => void;
  evidence?: boolean;
}) {
  const t = useT();
  const action = actionOf(dispute, me);
  const open = action === 'arbitrate' ? dispute.items.filter((i) => i.decision && !i.decision.accept) : dispute.items;
  const [verdicts, setVerdicts] = useState<Verdicts>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (id: string, patch: Partial<Verdicts[string]>) =>
    setVerdicts((v) => ({ ...v, [id]: { ...(v[id] ?? { accept: true, note: '' }), ...patch } }));

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'escalate') await call('disputes.escalate', { disputeId: dispute.id, reason });
      else {
        const items = Object.fromEntries(open.map((i) => [i.itemId, verdicts[i.itemId] ?? { accept: true, note: '' }]));
        if (action === 'decide') await call('disputes.decide', { disputeId: dispute.id, items });
        else await call('disputes.arbitrate', { disputeId: dispute.id, items });
      }
      onChange();
    } catch (e) {
      setError(failureText(t, e));
      onChange();
    } finally {
      setBusy(false);
    }
  };

  const verdictText = (v: DisputeView['items'][number]['decision']) =>
    v
      ? `${v.accept ? t('disputes.accept') : t('disputes.reject')} ${answerText(t, v.points)}${v.note ? ` · ${v.note}` : ''}`
      : '—';

  return (
    <Card
      size="small"
      data-testid={`dispute-${dispute.id}`}
      title={
        <Space wrap>
          <Tag color={dispute.final ? 'green' : 'blue'}>{t(`disputes.status.${dispute.status}`)}</Tag>
          <span>
            {t('disputes.agent')} {dispute.agentName ?? ''} {dispute.agentNo ?? ''} · {t('disputes.inspector')}{' '}
            {dispute.inspectorName ?? ''}
          </span>
          {dispute.appliedRevision && <Tag>{t('disputes.revision', { n: dispute.appliedRevision })}</Tag>}
        </Space>
      }
      extra={
        <Button
          size="small"
          type="link"
          onClick={() => (window.location.hash = `#/evaluation/${dispute.evaluationId}`)}
        >
          {t('disputes.open')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {dispute.items.length > 0 && (
          <Table
            size="small"
            pagination={false}
            rowKey="itemId"
            dataSource={dispute.items}
            columns={[
              { title: t('disputes.item'), dataIndex: 'name' },
              { title: t('disputes.original'), render: (_, i) => `${answerText(t, i.original)} / ${i.maxPoints}` },
              { title: t('disputes.reason'), dataIndex: 'reason' },
              { title: t('disputes.proposed'), render: (_, i) => answerText(t, i.proposedPoints) },
              { title: t('disputes.decision'), render: (_, i) => verdictText(i.decision) },
              { title: t('disputes.arbitration'), render: (_, i) => verdictText(i.arbitration) },
            ]}
          />
        )}
        {evidence && action === 'decide' && <Evidence evaluationId={dispute.evaluationId} />}
        {(action === 'decide' || action === 'arbitrate') &&
          open.map((i) => {
            const v = verdicts[i.itemId] ?? { accept: true, note: '' };
            return (
              <Space key={i.itemId} wrap>
                <Typography.Text strong>{i.name}</Typography.Text>
                <Radio.Group value={v.accept} onChange={(e) => set(i.itemId, { accept: e.target.value as boolean })}>
                  <Radio value={true} aria-label={`${t('disputes.accept')}：${i.name}`}>
                    {t('disputes.accept')}
                  </Radio>
                  <Radio value={false} aria-label={`${t('disputes.reject')}：${i.name}`}>
                    {t('disputes.reject')}
                  </Radio>
                </Radio.Group>
                {i.kind === 'points' && v.accept && (
                  <InputNumber
                    aria-label={`${t('disputes.points')}：${i.name}`}
                    min={0}
                    max={i.maxPoints}
                    placeholder={String(i.proposedPoints ?? i.maxPoints)}
                    value={v.points ?? null}
                    onChange={(n) => set(i.itemId, { points: n })}
                  />
                )}
                <Input
                  aria-label={`${t('disputes.note')}：${i.name}`}
                  placeholder={t('disputes.note')}
                  value={v.note}
                  onChange={(e) => set(i.itemId, { note: e.target.value })}
                  style={{ width: 260 }}
                />
              </Space>
            );
          })}
        {action === 'escalate' && (
          <Input.TextArea
            aria-label={t('disputes.escalateReason')}
            placeholder={t('disputes.escalateReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoSize
          />
        )}
        {action && (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void submit()}
            disabled={action === 'escalate' && !reason.trim()}
          >
            {t(
              action === 'decide'
                ? 'disputes.decide'
                : action === 'arbitrate'
                  ? 'disputes.arbitrate'
                  : 'disputes.escalate',
            )}
          </Button>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {dispute.steps.map((s) => (
          <Typography.Text key={s.stepId} type={s.sync === 'rejected' ? 'danger' : 'secondary'}>
            {t(`disputes.step.${s.kind}`)} ·{' '}
            {s.sync === 'rejected'
              ? t('disputes.rejected', { why: s.code ? t(`disputes.refusal.${s.code}`) : '' })
              : t(s.sync === 'sent' ? 'disputes.sent' : 'disputes.pending')}
          </Typography.Text>
        ))}
        {dispute.history.length > 0 && (
          <Timeline
            data-testid="dispute-history"
            items={dispute.history.map((h) => ({
              key: h.stepId,
              children: `${centreTime(h.at)} ${t(`disputes.step.${h.kind}`)} · ${t('disputes.by', {
                who: h.userName,
                role: t(`sync.role.${h.role}`),
              })}${h.note ? ` · ${h.note}` : ''}`,
            }))}
          />
        )}
      </Space>
    </Card>
  );
}
