import { EditOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Input, InputNumber, Select, Tag, Tooltip } from 'antd';
import { memo, useEffect, useRef } from 'react';
import type { Answer } from '../../../shared/evaluation';
import { ladderLength, ladderValues } from '../../../shared/points';
import type { RootCause, ScorecardItem } from '../../../shared/scorecard';
import { useT } from '../../i18n';

/** Point buttons are offered up to this many values (0–15 in steps of 1); longer ranges get a number field. */
const maxButtons = 16;

/** The values a points item offers as buttons; long ranges get a number field instead. */
export function pointChoices(item: ScorecardItem): number[] | null {
  return ladderLength(item) > maxButtons ? null : ladderValues(item);
}

interface Props {
  item: ScorecardItem;
  index: number;
  answer: Answer | undefined;
  comment: string;
  focused: boolean;
  /** Scroll the row into view when it becomes focused (keyboard moves only: a click must never scroll). */
  reveal: boolean;
  locked: boolean;
  editingComment: boolean;
  /** The answer lost points and the card wants a comment on it: the box stays open, marked required. */
  commentRequired: boolean;
  /** The answer lost points (a critical item: failed). */
  deducted: boolean;
  /** The card's root causes, offered once the answer lost points; empty when the card has none. */
  causes: RootCause[];
  causeRequired: boolean;
  cause: string | undefined;
  /** Worded problems a refused submit named for this item. */
  problems: string[];
  onCause(cause: string | undefined): void;
  onFocus(): void;
  onAnswer(answer: Answer | undefined): void;
  onComment(text: string): void;
  onEditComment(): void;
  onCommentDone(): void;
}

/**
 * A button that never takes focus from a click: focus stays where the keyboard map expects it (no radio group
 * whose arrow keys would change the answer), and the page's keys keep working after a click.
 */
function Choice(props: {
  label: string;
  name: string;
  pressed: boolean;
  locked: boolean;
  kind?: 'pass' | 'fail' | 'na';
  onPress(): void;
}) {
  return (
    <button
      type="button"
      className={`ev-choice${props.kind ? ` ev-choice-${props.kind}` : ''}`}
      aria-pressed={props.pressed}
      aria-label={props.name}
      disabled={props.locked && !props.pressed}
      // A locked evaluation keeps its selected answer readable (a disabled button would be greyed out).
      aria-disabled={props.locked || undefined}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => !props.locked && props.onPress()}
    >
      {props.label}
    </button>
  );
}

/**
 * One scorecard item. Nothing in it changes size with focus: focus is a background and a border, the guidance is
 * a tooltip and the side panel, and the note field opens only on request. A row that grew when focused moved every
 * row below it under the pointer, and the next click landed on nothing.
 */
export const ItemRow = memo(function ItemRow(props: Props) {
  const { item, answer, focused, locked } = props;
  const t = useT();
  const rowRef = useRef<HTMLDivElement>(null);
  const commentRef = useRef<HTMLTextAreaElement | null>(null);

  useEffect(() => {
    if (focused && props.reveal) rowRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focused, props.reveal]);
  useEffect(() => {
    if (props.editingComment) commentRef.current?.focus();
  }, [props.editingComment]);

  const name = item.name;
  const choose = (value: Answer) => props.onAnswer(answer === value ? undefined : value);
  const control = (() => {
    if (item.kind === 'points') {
      const choices = pointChoices(item);
      const value = typeof answer === 'number' ? answer : undefined;
      if (choices)
        return choices.map((v) => (
          <Choice
            key={v}
            label={String(v)}
            name={t('ev.choice.points', { item: name, points: v })}
            pressed={value === v}
            locked={locked}
            onPress={() => choose(v)}
          />
        ));
      return (
        <InputNumber
          size="small"
          min={0}
          max={item.maxPoints}
          step={item.step}
          disabled={locked}
          aria-label={t('ev.choice.input', { item: name, max: item.maxPoints })}
          value={value ?? null}
          onChange={(v) => props.onAnswer(v === null ? undefined : v)}
        />
      );
    }
    if (item.kind === 'choice') {
      return (item.options ?? []).map((o, n) => (
        <Choice
          key={o.id}
          kind={o.points < item.maxPoints ? 'fail' : undefined}
          label={`${n + 1} ${o.label} ${o.points}`}
          // The visible key, label and points lead the name too, so speech input finds the button by what it shows.
          name={t('ev.option', { item: name, key: n + 1, option: o.label, points: o.points })}
          pressed={answer === o.id}
          locked={locked}
          onPress={() => choose(o.id)}
        />
      ));
    }
    return (['pass', 'fail'] as const).map((v) => (
      <Choice
        key={v}
        kind={v}
        label={t(`ev.${v}`)}
        name={`${name} ${t(`ev.${v}`)}`}
        pressed={answer === v}
        locked={locked}
        onPress={() => choose(v)}
      />
    ));
  })();

  const showComment = props.comment || props.editingComment || props.commentRequired;
  const commentLabel = props.commentRequired ? t('ev.itemComment.required') : t('ev.itemComment');
  const problemId = `ev-item-problems-${item.id}`;
  const guidance = [item.description, item.guidance].filter(Boolean).join('\n');
  const headId = `ev-item-name-${item.id}`;
  return (
    <div
      ref={rowRef}
      className={`ev-item${focused ? ' ev-item-focused' : ''}${answer === undefined ? ' ev-item-open' : ''}${
        props.problems.length ? ' ev-item-problem' : ''
      }`}
      role="group"
      aria-labelledby={headId}
      data-item-id={item.id}
      data-focused={focused ? 'true' : 'false'}
      data-answer={answer === undefined ? '' : String(answer)}
      onMouseDown={props.onFocus}
    >
      <div className="ev-item-head">
        <div className="ev-item-name" id={headId}>
          <span className="ev-item-index">{props.index + 1}.</span>
          <strong>{name}</strong>
          {item.kind === 'critical' ? (
            <Tag color="red">{item.criticalScope === 'section' ? t('ev.criticalSection') : t('ev.critical')}</Tag>
          ) : (
            <span className="ev-item-max">{t('ev.points', { points: item.maxPoints })}</span>
          )}
          {guidance && (
            <Tooltip title={<span className="ev-tooltip">{guidance}</span>} placement="topLeft">
              <InfoCircleOutlined className="ev-item-info" aria-label={t('ev.guidance')} role="img" />
            </Tooltip>
          )}
        </div>
        <div className="ev-item-controls">
          {control}
          {item.allowNa && (
            <Choice
              kind="na"
              label={t('ev.na')}
              name={`${name} ${t('ev.na')}`}
              pressed={answer === 'na'}
              locked={locked}
              onPress={() => choose('na')}
            />
          )}
          {!locked && !showComment && (
            <Tooltip title={t('ev.itemComment.add')}>
              <button
                type="button"
                className="ev-choice ev-note-button"
                aria-label={`${t('ev.itemComment.add')} ${name}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={props.onEditComment}
              >
                <EditOutlined />
              </button>
            </Tooltip>
          )}
        </div>
      </div>
      {showComment && (
        <Input.TextArea
          ref={(el) => {
            commentRef.current = el?.resizableTextArea?.textArea ?? null;
          }}
          className={`ev-item-comment${props.commentRequired && !props.comment.trim() ? ' ev-item-required' : ''}`}
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={commentLabel}
          aria-label={`${commentLabel} ${name}`}
          aria-required={props.commentRequired || undefined}
          value={props.comment}
          readOnly={locked}
          onChange={(e) => props.onComment(e.target.value)}
          onBlur={props.onCommentDone}
        />
      )}
      {props.causes.length > 0 && props.deducted && <CausePicker {...props} name={name} />}
      {props.problems.length > 0 && (
        <ul className="ev-item-problems" id={problemId}>
          {props.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
});

/** The root cause of a deduction: a searchable select, reached with Tab like any field. */
function CausePicker(props: Props & { name: string }) {
  const t = useT();
  const label = props.causeRequired ? t('ev.rootCause.required') : t('ev.rootCause');
  return (
    <div className="ev-item-cause">
      <Select
        size="small"
        allowClear={!props.causeRequired}
        showSearch={{ optionFilterProp: 'label' }}
        className="ev-cause-select"
        placeholder={t('ev.rootCause.placeholder')}
        aria-label={`${label} ${props.name}`}
        aria-required={props.causeRequired || undefined}
        disabled={props.locked}
        value={props.cause}
        options={props.causes.map((c) => ({ value: c.id, label: c.label }))}
        onChange={(v: string | undefined) => props.onCause(v)}
      />
    </div>
  );
}
