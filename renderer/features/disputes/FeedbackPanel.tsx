import { Alert, Button, Card, Checkbox, Input, InputNumber, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { EvaluationFeedback } from '../../../shared/contracts/disputes';
import { call } from '../../api';
import { useT } from '../../i18n';
import { useSync } from '../sync/store';
import { DisputeCard } from './DisputeCard';
import { answerText, centreTime, failureText } from './format';

type Claims = Record<string, { on: boolean; reason: string; proposedPoints: number | null }>;

/**
 * On a received evaluation: the lead records the agent's sign-off (已确认) or a dispute of items below full points,
 * offline or not; once filed, the dispute and its history. Rendered by the read-only evaluation page.
 */
export function FeedbackPanel({ evaluationId }: { evaluationId: string }) {
  const t = useT();
  const me = useSync((s) => s.status?.identity ?? null);
  const refreshSync = useSync((s) => s.refresh);
  const [feedback, setFeedback] = useState<EvaluationFeedback | null>(null);
  const [claims, setClaims] = useState<Claims>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    call('disputes.forEvaluation', { evaluationId })
      .then(setFeedback)
      .catch(() => setFeedback(null));
  }, [evaluationId]);
  useEffect(() => {
    load();
    void refreshSync();
  }, [load, refreshSync]);

  if (!feedback) return null;
  const run = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError(failureText(t, e));
    } finally {
      setBusy(false);
      load();
    }
  };
  const chosen = Object.entries(claims).filter(([, c]) => c.on);
  const set = (id: string, patch: Partial<Claims[string]>) =>
    setClaims((c) => ({ ...c, [id]: { ...(c[id] ?? { on: false, reason: '', proposedPoints: null }), ...patch } }));

  return (
    <Card size="small" title={t('disputes.panel')} data-testid="feedback-panel">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {feedback.dispute && <DisputeCard dispute={feedback.dispute} me={me} onChange={load} />}
        {!feedback.dispute && !feedback.canFile && feedback.cannotFile && (
          <Typography.Text type="secondary">
            {t('disputes.cannot', { why: t(`disputes.refusal.${feedback.cannotFile}`) })}
          </Typography.Text>
        )}
        {!feedback.dispute && feedback.canFile && (
          <>
            <Typography.Text type="secondary">
              {t('disputes.policy', { limit: feedback.policy.monthlyLimit, days: feedback.policy.windowDays })}
              {feedback.deadline ? ` · ${t('disputes.deadline', { at: centreTime(feedback.deadline) })}` : ''}
            </Typography.Text>
            <Button loading={busy} onClick={() => void run(() => call('evaluations.acknowledge', { evaluationId }))}>
              {t('disputes.acknowledge')}
            </Button>
            <Typography.Text strong>{t('disputes.fileTitle')}</Typography.Text>
            {feedback.disputable.map((i) => {
              const c = claims[i.itemId];
              return (
                <Space key={i.itemId} wrap>
                  <Checkbox checked={!!c?.on} onChange={(e) => set(i.itemId, { on: e.target.checked })}>
                    {`${i.name}（${answerText(t, i.answer)} / ${i.maxPoints}）`}
                  </Checkbox>
                  {c?.on && (
                    <>
                      <Input
                        aria-label={`${t('disputes.reason')}：${i.name}`}
                        placeholder={t('disputes.reason')}
                        value={c.reason}
                        onChange={(e) => set(i.itemId, { reason: e.target.value })}
                        style={{ width: 280 }}
                      />
                      {i.kind === 'points' && (
                        <InputNumber
                          aria-label={`${t('disputes.proposed')}：${i.name}`}
                          placeholder={t('disputes.proposed')}
                          min={0}
                          max={i.maxPoints}
                          step={i.step}
                          value={c.proposedPoints}
                          onChange={(n) => set(i.itemId, { proposedPoints: n })}
                        />
                      )}
                    </>
                  )}
                </Space>
              );
            })}
            <Button
              type="primary"
              loading={busy}
              disabled={chosen.length === 0 || chosen.some(([, c]) => !c.reason.trim())}
              onClick={() =>
                void run(() =>
                  call('disputes.file', {
                    evaluationId,
                    items: Object.fromEntries(
                      chosen.map(([id, c]) => [id, { reason: c.reason, proposedPoints: c.proposedPoints }]),
                    ),
                  }),
                )
              }
            >
              {t('disputes.file')}
            </Button>
          </>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Card>
  );
}
