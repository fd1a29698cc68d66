import { Alert, App, Button, Card, Input, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { suggestedFindings } from '../../../shared/evaluation';
import { computeScore, ScoringError, type ScoreResult } from '../../../shared/scoring';
import { useT } from '../../i18n';
import { ItemRow } from './ItemRow';
import { useScoringKeys } from './keyboard';
import { flatItems, useEvaluate } from './store';

function SaveState() {
  const t = useT();
  const save = useEvaluate((s) => s.save);
  const flush = useEvaluate((s) => s.flush);
  const time = save.savedAt ? new Date(save.savedAt).toLocaleTimeString() : '';
  const text =
    save.status === 'saved'
      ? t('ev.save.saved', { time })
      : save.status === 'failed'
        ? t('ev.save.failed', { error: save.error ?? '' })
        : t(`ev.save.${save.status}`);
  return (
    <Space size={4} data-testid="save-state" data-status={save.status}>
      <Typography.Text type={save.status === 'failed' ? 'danger' : 'secondary'}>{text}</Typography.Text>
      {save.status === 'failed' && (
        <Button size="small" onClick={() => void flush()}>
          {t('ev.save.retry')}
        </Button>
      )}
    </Space>
  );
}

function liveScore(def: Parameters<typeof computeScore>[0], answers: Parameters<typeof computeScore>[1]) {
  try {
    return computeScore(def, answers);
  } catch (e) {
    if (e instanceof ScoringError) return null;
    throw e;
  }
}

function ScoreSummary({ score }: { score: ScoreResult }) {
  const t = useT();
  const def = useEvaluate((s) => s.def);
  return (
    <Space wrap size={16} align="start">
      <Statistic
        title={t('ev.total')}
        value={score.total.toFixed(2)}
        valueStyle={{ color: score.criticalFailed ? '#cf1322' : undefined }}
        className="ev-total"
      />
      {def?.sections.map((s) => {
        const sc = score.sections[s.id];
        return (
          <Statistic
            key={s.id}
            title={s.name}
            value={sc.score === null ? '—' : sc.score.toFixed(2)}
            suffix={`/ ${s.points}`}
            className="ev-section-score"
            data-section-id={s.id}
          />
        );
      })}
    </Space>
  );
}

export function ScoringPanel() {
  const t = useT();
  const { message, modal } = App.useApp();
  const { def, form, mode, focus, view, submitting } = useEvaluate();
  const { setAnswer, setFocus, update, submit, startRescore, cancelRescore } = useEvaluate.getState();
  const [editingComment, setEditingComment] = useState<string | null>(null);
  const items = useMemo(() => flatItems(def), [def]);
  const score = useMemo(() => (def && form ? liveScore(def, form.answers) : null), [def, form]);
  const locked = mode === 'locked';

  const trySubmit = () => {
    if (!def || !form || !score || locked || submitting) return;
    if (!score.complete) {
      void message.warning(t('ev.incomplete', { count: score.unanswered.length }));
      setFocus(items.findIndex((i) => i.id === score.unanswered[0]));
      return;
    }
    if (mode === 'rescore' && !form.reason.trim()) {
      void message.warning(t('ev.reasonRequired'));
      document.getElementById('ev-reason')?.focus();
      return;
    }
    const go = async () => {
      try {
        const result = await submit();
        void message.success(t('ev.submittedOk', { total: result.total }));
      } catch (e) {
        void message.error(e instanceof Error ? e.message : String(e));
      }
    };
    if (score.failedCriticalItems.length) {
      const names = score.failedCriticalItems.map((id) => items.find((i) => i.id === id)?.name ?? id).join('、');
      modal.confirm({
        title: t('ev.confirmCritical.title'),
        content: t('ev.confirmCritical.body', { items: names }),
        okText: t('ev.confirm.ok'),
        cancelText: t('ev.confirm.cancel'),
        okButtonProps: { danger: true },
        onOk: go,
      });
      return;
    }
    void go();
  };

  useScoringKeys({
    items,
    focus,
    answers: form?.answers ?? {},
    enabled: !locked && !submitting,
    move: setFocus,
    answer: setAnswer,
    editComment: () => setEditingComment(items[focus]?.id ?? null),
    submit: trySubmit,
  });

  if (!def || !form) return <Alert type="warning" showIcon message={t('ev.noCard')} />;
  let index = 0;
  return (
    <div className="ev-scoring" data-mode={mode}>
      <Card size="small" className="ev-summary">
        {score && <ScoreSummary score={score} />}
        {score?.criticalFailed && (
          <Alert
            type="error"
            showIcon
            message={score.total === 0 ? t('ev.criticalFailed') : t('ev.sectionCriticalFailed')}
            description={t('ev.uncapped', { score: score.uncappedTotal.toFixed(2) })}
          />
        )}
        <div className="ev-actions">
          <Space wrap>
            {view?.evaluation?.status === 'submitted' && (
              <Tag color="green">{t('ev.submitted', { revision: view.evaluation.revision })}</Tag>
            )}
            {!locked && <SaveState />}
          </Space>
          <Space>
            {locked && !view?.calibration && (
              <Button type="primary" onClick={startRescore}>
                {t('ev.rescore')}
              </Button>
            )}
            {mode === 'rescore' && <Button onClick={() => void cancelRescore()}>{t('ev.cancelRescore')}</Button>}
            {!locked && (
              <Button type="primary" loading={submitting} onClick={trySubmit} data-testid="submit">
                {mode === 'rescore' ? t('ev.submitRevision') : t('ev.submit')}
              </Button>
            )}
          </Space>
        </div>
        {locked && !view?.calibration && <Typography.Text type="secondary">{t('ev.locked')}</Typography.Text>}
        {mode === 'rescore' && (
          <Input.TextArea
            id="ev-reason"
            className="ev-reason"
            autoSize={{ minRows: 1, maxRows: 3 }}
            placeholder={t('ev.reason.placeholder')}
            aria-label={t('ev.reason')}
            value={form.reason}
            onChange={(e) => update({ reason: e.target.value })}
          />
        )}
        <Typography.Text type="secondary" className="ev-shortcuts">
          {t('ev.shortcuts')}
        </Typography.Text>
      </Card>

      <div role="listbox" aria-label={def.name} className="ev-items">
        {def.sections.map((section) => {
          const sc = score?.sections[section.id];
          return (
            <Card
              key={section.id}
              size="small"
              className="ev-section"
              title={section.name}
              extra={
                <Typography.Text strong>
                  {sc?.na && sc.unanswered === 0
                    ? t('ev.sectionNa')
                    : `${sc?.score?.toFixed(2) ?? '—'} / ${section.points}`}
                </Typography.Text>
              }
            >
              {section.items.map((item) => {
                const i = index++;
                return (
                  <ItemRow
                    key={item.id}
                    item={item}
                    index={i}
                    answer={form.answers[item.id]}
                    comment={form.itemComments[item.id] ?? ''}
                    focused={i === focus}
                    locked={locked}
                    editingComment={editingComment === item.id}
                    onFocus={() => setFocus(i)}
                    onAnswer={(a) => setAnswer(item.id, a)}
                    onComment={(text) => update({ itemComments: { ...form.itemComments, [item.id]: text } })}
                    onCommentDone={() => setEditingComment(null)}
                  />
                );
              })}
            </Card>
          );
        })}
      </div>

      <Card size="small" className="ev-overall">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('ev.findings')}</Typography.Text>
          <Select
            mode="tags"
            style={{ width: '100%' }}
            disabled={locked}
            placeholder={t('ev.findings.placeholder')}
            value={form.findings}
            options={suggestedFindings.map((f) => ({ value: f, label: f }))}
            onChange={(findings: string[]) =>
              update({ findings: findings.map((f) => f.trim()).filter((f) => f && f.length <= 40) })
            }
            aria-label={t('ev.findings')}
          />
          <Typography.Text strong>{t('ev.comment')}</Typography.Text>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            disabled={locked}
            value={form.comment}
            aria-label={t('ev.comment')}
            onChange={(e) => update({ comment: e.target.value })}
          />
          <Typography.Text strong>{t('ev.suggestion')}</Typography.Text>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            disabled={locked}
            value={form.suggestion}
            aria-label={t('ev.suggestion')}
            onChange={(e) => update({ suggestion: e.target.value })}
          />
        </Space>
      </Card>
    </div>
  );
}
