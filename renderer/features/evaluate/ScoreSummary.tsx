import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ScoreResult } from '../../../shared/scoring';
import type { ScorecardDefinition } from '../../../shared/scorecard';
import { formatTime, useI18n, useT } from '../../i18n';
import { errorText } from '../../shell/errors';
import type { PartialScore } from './partial-score';
import { useEvaluate } from './store';

export function SaveState() {
  const t = useT();
  const save = useEvaluate((s) => s.save);
  const flush = useEvaluate((s) => s.flush);
  const language = useI18n((s) => s.language);
  const time = save.savedAt ? formatTime(language, save.savedAt) : '';
  const text =
    save.status === 'saved'
      ? t('ev.save.saved', { time })
      : save.status === 'failed'
        ? t('ev.save.failed', { error: errorText(t, save.error) })
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

const f2 = (n: number) => n.toFixed(2);

/**
 * The total while scoring. Until every item is answered it is the score so far with what is left to score
 * (「已评 9/23」), never a total that counts open items as full marks; complete, it is the evaluation's total.
 */
export function ScoreSummary({
  def,
  score,
  partial,
  actions,
}: {
  def: ScorecardDefinition;
  score: ScoreResult | null;
  partial: PartialScore;
  /** Save state and buttons, on the total's line so the summary stays two lines high. */
  actions: ReactNode;
}) {
  const t = useT();
  const complete = score?.complete ?? false;
  const capped = score?.criticalFailed && score.total === 0;
  const value = complete || capped ? f2(score!.total) : f2(partial.earned);
  // Every part keeps its size whatever is answered: the summary sits above the rows, and a line it gained or lost
  // would move every row under the pointer.
  const failed = score?.criticalFailed ?? false;
  return (
    <div className="ev-score" data-complete={complete}>
      <div className="ev-score-total">
        <span className="ev-score-label">{complete ? t('ev.total') : t('ev.soFar')}</span>
        <span className={`ev-total${failed ? ' ev-total-failed' : ''}`} data-testid="ev-total" data-complete={complete}>
          {value}
        </span>
        <span className="ev-score-of">{complete ? '/ 100' : t('ev.soFar.of', { points: f2(partial.atStake) })}</span>
        <Tag className="ev-progress" data-testid="ev-progress" color={complete ? 'green' : 'blue'}>
          {t('ev.answered', { done: partial.answered, total: partial.items })}
        </Tag>
        {failed && (
          <Tooltip title={t('ev.uncapped', { score: f2(score!.uncappedTotal) })}>
            <Tag color="red" data-testid="ev-critical-failed">
              {score!.total === 0 ? t('ev.criticalFailed') : t('ev.sectionCriticalFailed')}
            </Tag>
          </Tooltip>
        )}
        <div className="ev-actions">{actions}</div>
      </div>
      <div
        className="ev-score-sections"
        style={{ gridTemplateColumns: `repeat(${def.sections.length}, minmax(0, 1fr))` }}
      >
        {def.sections.map((s) => {
          const p = partial.sections[s.id];
          const sc = score?.sections[s.id];
          const done = p.answered === p.items;
          const text =
            done && sc?.na
              ? t('ev.sectionNa.short')
              : `${done && sc?.score != null ? f2(sc.score) : f2(p.earned)} / ${s.points}`;
          return (
            <div key={s.id} className="ev-section-score" data-section-id={s.id} title={s.name}>
              <span className="ev-score-label">{s.name}</span>
              <span className="ev-section-value">
                {text}
                <span className="ev-score-of">{` (${p.answered}/${p.items})`}</span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
