import { Alert, App, Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiErrorDetail } from '../../../shared/errors';
import type { Answer } from '../../../shared/evaluation';
import { suggestedFindings } from '../../../shared/evaluation';
import { computeScore, hiddenItems, isDeduction, ScoringError } from '../../../shared/scoring';
import { normaliseSubmission, submissionProblems } from '../../../shared/submission-rules';
import { ApiCallError } from '../../api';
import { useT } from '../../i18n';
import { errorText } from '../../shell/errors';
import { ItemRow } from './ItemRow';
import { useScoringKeys } from './keyboard';
import { partialScore } from './partial-score';
import { SaveState, ScoreSummary } from './ScoreSummary';
import { flatItems, useEvaluate } from './store';

function liveScore(def: Parameters<typeof computeScore>[0], answers: Parameters<typeof computeScore>[1]) {
  try {
    return computeScore(def, answers);
  } catch (e) {
    if (e instanceof ScoringError) return null;
    throw e;
  }
}

function OverallFields({ locked }: { locked: boolean }) {
  const t = useT();
  const form = useEvaluate((s) => s.form);
  const update = useEvaluate((s) => s.update);
  if (!form) return null;
  return (
    <Card size="small" className="ev-overall">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label htmlFor="ev-findings" className="ev-field-label">
          {t('ev.findings')}
        </label>
        {locked ? (
          <Space id="ev-findings" wrap size={4} className="ev-findings-locked">
            {form.findings.length ? form.findings.map((f) => <Tag key={f}>{f}</Tag>) : '—'}
          </Space>
        ) : (
          <Select
            id="ev-findings"
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
        )}
        <label htmlFor="ev-comment" className="ev-field-label">
          {t('ev.comment')}
        </label>
        <Input.TextArea
          id="ev-comment"
          autoSize={{ minRows: 2, maxRows: 6 }}
          readOnly={locked}
          value={form.comment}
          onChange={(e) => update({ comment: e.target.value })}
        />
        <label htmlFor="ev-suggestion" className="ev-field-label">
          {t('ev.suggestion')}
        </label>
        <Input.TextArea
          id="ev-suggestion"
          autoSize={{ minRows: 2, maxRows: 6 }}
          readOnly={locked}
          value={form.suggestion}
          onChange={(e) => update({ suggestion: e.target.value })}
        />
      </Space>
    </Card>
  );
}

export function ScoringPanel({ onHelp }: { onHelp(): void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const { def, form, mode, focus, revealFocus, view, submitting } = useEvaluate();
  const { setAnswer, setFocus, update, submit, startRescore, cancelRescore } = useEvaluate.getState();
  const [editingComment, setEditingComment] = useState<string | null>(null);
  const items = useMemo(() => flatItems(def), [def]);
  const score = useMemo(() => (def && form ? liveScore(def, form.answers) : null), [def, form]);
  const partial = useMemo(() => (def && form ? partialScore(def, form.answers) : null), [def, form]);
  const locked = mode === 'locked';
  const onAnswer = useCallback((id: string, a: Answer | undefined) => setAnswer(id, a), [setAnswer]);
  const hidden = useMemo(() => (def && form ? hiddenItems(def, form.answers) : new Set<string>()), [def, form]);
  // What the last refused submit named, kept only while the card's rules still find it, so a fixed item clears.
  const [refused, setRefused] = useState<ApiErrorDetail[]>([]);
  const recordingId = view?.recording.id;
  useEffect(() => setRefused([]), [recordingId]);
  const problems = useMemo(() => {
    if (!refused.length || !def || !form || !score?.complete) return refused;
    const kept = normaliseSubmission(score, form.answers, form.itemComments, form.rootCauses);
    const live = submissionProblems(def, score, kept.answers, kept.itemComments, kept.rootCauses);
    return refused.filter((p) => live.some((l) => l.code === p.code && l.itemId === p.itemId));
  }, [refused, def, form, score]);
  const problemText = (p: ApiErrorDetail) => t(`ev.problem.${p.code}` as 'ev.problem.comment_required');

  /** Moves to the nearest item a condition does not hide, in the direction of `to`. */
  const move = (to: number) => {
    const dir = to < focus ? -1 : 1;
    const shown = (i: number) => i >= 0 && i < items.length && !hidden.has(items[i].id);
    for (let i = to; i >= 0 && i < items.length; i += dir) if (shown(i)) return setFocus(i);
    for (let i = to - dir; i >= 0 && i < items.length; i -= dir) if (shown(i)) return setFocus(i);
  };

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
        setRefused([]);
        void message.success(t('ev.submittedOk', { total: result.total }));
      } catch (e) {
        if (e instanceof ApiCallError && e.reason === 'submission_rules' && e.details?.length) {
          setRefused(e.details);
          void message.error(t('ev.problems.title'));
          const first = items.findIndex((i) => i.id === e.details?.[0].itemId);
          if (first >= 0) setFocus(first);
          return;
        }
        void message.error(t('ev.submitFailed', { error: errorText(t, e) }));
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
    move,
    answer: setAnswer,
    editComment: () => setEditingComment(items[focus]?.id ?? null),
    submit: trySubmit,
  });

  if (!def || !form || !partial) return <Alert type="warning" showIcon title={t('ev.noCard')} />;
  let index = 0;
  return (
    <div className="ev-scoring" data-mode={mode}>
      <Card size="small" className="ev-summary">
        <ScoreSummary
          def={def}
          score={score}
          partial={partial}
          actions={
            <>
              {view?.evaluation?.status === 'submitted' && (
                <Tag color="green">{t('ev.submitted', { revision: view.evaluation.revision })}</Tag>
              )}
              {!locked && <SaveState />}
              <Button type="text" size="small" onClick={onHelp} aria-keyshortcuts="?">
                {t('ev.keys')}
              </Button>
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
            </>
          }
        />
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
      </Card>

      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="ev-problems"
          title={t('ev.problems.title')}
          description={
            <ul>
              {problems.map((p) => {
                const at = items.findIndex((i) => i.id === p.itemId);
                return (
                  <li key={`${p.code}-${p.itemId}`}>
                    {t('ev.problem.item', {
                      index: at + 1,
                      item: items[at]?.name ?? p.itemId,
                      problem: problemText(p),
                    })}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      <div className="ev-items" aria-label={def.name} role="region">
        {def.sections.map((section) => (
          <section key={section.id} className="ev-section" aria-labelledby={`ev-section-${section.id}`}>
            <h2 className="ev-section-title" id={`ev-section-${section.id}`}>
              {section.name}
              <span className="ev-section-points">{t('ev.points', { points: section.points })}</span>
            </h2>
            {section.items.map((item) => {
              const i = index++;
              if (hidden.has(item.id)) {
                const trigger = items.find((x) => x.id === item.showIf?.item);
                return (
                  <div key={item.id} className="ev-item ev-item-hidden" data-item-id={item.id} data-hidden="true">
                    <span className="ev-item-index">{i + 1}.</span> {item.name}
                    <span className="ev-item-hidden-reason">{t('ev.hidden', { item: trigger?.name ?? '' })}</span>
                  </div>
                );
              }
              const answer = form.answers[item.id];
              const deducted = answer !== undefined && isDeduction(item, answer);
              return (
                <ItemRow
                  key={item.id}
                  item={item}
                  index={i}
                  answer={answer}
                  comment={form.itemComments[item.id] ?? ''}
                  focused={i === focus}
                  reveal={revealFocus}
                  locked={locked}
                  editingComment={editingComment === item.id}
                  deducted={deducted}
                  commentRequired={deducted && (item.requireComment === true || def.requireCommentOnDeduction === true)}
                  causes={def.rootCauses ?? []}
                  causeRequired={def.requireRootCause === true}
                  cause={form.rootCauses[item.id]}
                  problems={problems.filter((p) => p.itemId === item.id).map(problemText)}
                  onCause={(cause) => {
                    const rootCauses = { ...form.rootCauses };
                    if (cause === undefined) delete rootCauses[item.id];
                    else rootCauses[item.id] = cause;
                    update({ rootCauses });
                  }}
                  onFocus={() => setFocus(i, 'pointer')}
                  onAnswer={(a) => onAnswer(item.id, a)}
                  onComment={(text) => update({ itemComments: { ...form.itemComments, [item.id]: text } })}
                  onEditComment={() => {
                    setFocus(i, 'pointer');
                    setEditingComment(item.id);
                  }}
                  onCommentDone={() => setEditingComment(null)}
                />
              );
            })}
          </section>
        ))}
      </div>
      <OverallFields locked={locked} />
    </div>
  );
}
