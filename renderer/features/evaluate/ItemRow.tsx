import { Button, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { Answer } from '../../../shared/evaluation';
import type { ScorecardItem } from '../../../shared/scorecard';
import { useT } from '../../i18n';

/** The values a points item offers as buttons; long ranges get a number field instead. */
export function pointChoices(item: ScorecardItem): number[] | null {
  const max = Math.round(item.maxPoints * 100);
  const step = Math.round(item.step * 100);
  if (max / step > 10) return null;
  const values: number[] = [];
  for (let h = 0; h < max; h += step) values.push(h / 100);
  values.push(max / 100);
  return values;
}

interface Props {
  item: ScorecardItem;
  index: number;
  answer: Answer | undefined;
  comment: string;
  focused: boolean;
  locked: boolean;
  editingComment: boolean;
  onFocus(): void;
  onAnswer(answer: Answer | undefined): void;
  onComment(text: string): void;
  onCommentDone(): void;
}

export function ItemRow(props: Props) {
  const { item, answer, focused, locked } = props;
  const t = useT();
  const rowRef = useRef<HTMLDivElement>(null);
  const commentRef = useRef<HTMLTextAreaElement | null>(null);

  useEffect(() => {
    if (focused) rowRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focused]);
  useEffect(() => {
    if (props.editingComment) commentRef.current?.focus();
  }, [props.editingComment]);

  const isNa = answer === 'na';
  const control = (() => {
    if (item.kind === 'points') {
      const choices = pointChoices(item);
      const value = typeof answer === 'number' ? answer : undefined;
      return choices ? (
        <Radio.Group
          optionType="button"
          size="small"
          disabled={locked}
          value={value}
          onChange={(e) => props.onAnswer(e.target.value as number)}
          options={choices.map((v) => ({ value: v, label: String(v) }))}
        />
      ) : (
        <InputNumber
          size="small"
          min={0}
          max={item.maxPoints}
          step={item.step}
          disabled={locked}
          value={value ?? null}
          onChange={(v) => props.onAnswer(v === null ? undefined : v)}
        />
      );
    }
    return (
      <Radio.Group
        optionType="button"
        size="small"
        disabled={locked}
        value={answer === 'pass' || answer === 'fail' ? answer : undefined}
        onChange={(e) => props.onAnswer(e.target.value as Answer)}
        options={[
          { value: 'pass', label: t('ev.pass') },
          { value: 'fail', label: t('ev.fail') },
        ]}
      />
    );
  })();

  return (
    <div
      ref={rowRef}
      className={`ev-item${focused ? ' ev-item-focused' : ''}${answer === undefined ? ' ev-item-open' : ''}`}
      data-item-id={item.id}
      data-focused={focused ? 'true' : 'false'}
      data-answer={answer === undefined ? '' : String(answer)}
      aria-selected={focused}
      role="option"
      onMouseDown={props.onFocus}
    >
      <div className="ev-item-head">
        <Space size={6} wrap>
          <Typography.Text type="secondary">{props.index + 1}.</Typography.Text>
          <Typography.Text strong>{item.name}</Typography.Text>
          {item.kind === 'critical' ? (
            <Tag color="red">{item.criticalScope === 'section' ? t('ev.criticalSection') : t('ev.critical')}</Tag>
          ) : (
            <Tag>{t('ev.points', { points: item.maxPoints })}</Tag>
          )}
        </Space>
        <Space size={6}>
          {control}
          {item.allowNa && (
            <Button
              size="small"
              type={isNa ? 'primary' : 'default'}
              disabled={locked}
              onClick={() => props.onAnswer(isNa ? undefined : 'na')}
            >
              {t('ev.na')}
            </Button>
          )}
        </Space>
      </div>
      {focused && (item.description || item.guidance) && (
        <div className="ev-item-guidance">
          {item.description && <Typography.Text type="secondary">{item.description}</Typography.Text>}
          {item.guidance && <Typography.Paragraph className="ev-guidance">{item.guidance}</Typography.Paragraph>}
        </div>
      )}
      {(focused || props.comment) && (
        <Input.TextArea
          ref={(el) => {
            commentRef.current = el?.resizableTextArea?.textArea ?? null;
          }}
          className="ev-item-comment"
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={t('ev.itemComment')}
          aria-label={`${t('ev.itemComment')} ${item.name}`}
          value={props.comment}
          disabled={locked}
          onChange={(e) => props.onComment(e.target.value)}
          onBlur={props.onCommentDone}
        />
      )}
    </div>
  );
}
