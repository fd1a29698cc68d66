import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, InputNumber, Select, Space, Tooltip } from 'antd';
import {
  type ChoiceOption,
  type RootCause,
  type ScorecardDefinition,
  type ScorecardItem,
} from '../../../shared/scorecard';
import { conditionAnswersFor } from '../../../shared/scorecard-check';
import { useT, type Translate } from '../../i18n';

// Ids are generated: authors name options and causes, and an id only has to stay the same once published.
export const newId = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

/** A new choice item starts with the two options every choice needs: full marks and none. */
export function startingOptions(t: Translate, maxPoints: number): ChoiceOption[] {
  return [
    { id: newId('opt'), label: t('sc.option.full'), points: maxPoints },
    { id: newId('opt'), label: t('sc.option.none'), points: 0 },
  ];
}

function RemoveButton({ label, onRemove }: { label: string; onRemove(): void }) {
  return (
    <Tooltip title={label}>
      <Button size="small" danger icon={<DeleteOutlined />} aria-label={label} onClick={onRemove} />
    </Tooltip>
  );
}

/** The options of a choice item: label and points each, in the order the inspector's keys 1…n pick them. */
export function OptionsEditor({ item, onChange }: { item: ScorecardItem; onChange(options: ChoiceOption[]): void }) {
  const t = useT();
  const options = item.options ?? [];
  const set = (i: number, patch: Partial<ChoiceOption>) =>
    onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <div className="sc-options" role="group" aria-label={`${item.name} ${t('sc.options')}`}>
      {options.map((o, i) => (
        <Space key={o.id} size={4} className="sc-option">
          <span className="sc-option-key">{i + 1}</span>
          <Input
            value={o.label}
            aria-label={t('sc.option.label', { n: i + 1 })}
            placeholder={t('sc.option.labelPlaceholder')}
            style={{ width: 200 }}
            onChange={(e) => set(i, { label: e.target.value })}
          />
          <InputNumber
            value={o.points}
            aria-label={t('sc.option.points', { n: i + 1 })}
            min={0}
            max={100}
            step={0.5}
            precision={2}
            style={{ width: 110 }}
            onChange={(v) => set(i, { points: v ?? 0 })}
          />
          <RemoveButton
            label={t('sc.option.remove', { n: i + 1 })}
            onRemove={() => onChange(options.filter((_, j) => j !== i))}
          />
        </Space>
      ))}
      {options.length < 10 && (
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => onChange([...options, { id: newId('opt'), label: '', points: 0 }])}
        >
          {t('sc.option.add')}
        </Button>
      )}
    </div>
  );
}

/** How a condition's answer reads: an option by its label, the rest by the catalogue. */
function answerLabel(t: Translate, trigger: ScorecardItem, value: string): string {
  const option = trigger.options?.find((o) => o.id === value);
  if (option) return option.label;
  return t(`sc.answer.${value}` as 'sc.answer.na');
}

/** 显示条件: the item is scored only when an earlier item got one of the answers picked. */
export function ConditionEditor({
  item,
  earlier,
  onChange,
}: {
  item: ScorecardItem;
  earlier: ScorecardItem[];
  onChange(showIf: ScorecardItem['showIf']): void;
}) {
  const t = useT();
  const condition = item.showIf;
  const trigger = earlier.find((e) => e.id === condition?.item);
  return (
    <Space wrap size={4} className="sc-condition">
      <Checkbox
        checked={condition !== undefined}
        disabled={!earlier.length && !condition}
        onChange={(e) => {
          const first = earlier.at(-1);
          if (!e.target.checked || !first) return onChange(undefined);
          onChange({ item: first.id, answers: [conditionAnswersFor(first)[0]] });
        }}
      >
        {t('sc.condition')}
      </Checkbox>
      {condition && (
        <>
          <Select
            value={condition.item}
            style={{ width: 200 }}
            aria-label={`${item.name} ${t('sc.condition.item')}`}
            options={earlier.map((e) => ({ value: e.id, label: e.name || e.id }))}
            onChange={(id: string) => {
              const next = earlier.find((e) => e.id === id);
              onChange({ item: id, answers: next ? [conditionAnswersFor(next)[0]] : condition.answers });
            }}
          />
          <Select
            mode="multiple"
            value={condition.answers}
            style={{ minWidth: 200 }}
            aria-label={`${item.name} ${t('sc.condition.answers')}`}
            options={(trigger ? conditionAnswersFor(trigger) : condition.answers).map((v) => ({
              value: v,
              label: trigger ? answerLabel(t, trigger, v) : v,
            }))}
            onChange={(answers: string[]) => answers.length && onChange({ item: condition.item, answers })}
          />
        </>
      )}
    </Space>
  );
}

/** Card-level rules on deductions: comments, and the root causes (原因分类) an inspector picks from. */
export function DeductionRules({
  def,
  onChange,
}: {
  def: ScorecardDefinition;
  onChange(def: ScorecardDefinition): void;
}) {
  const t = useT();
  const causes = def.rootCauses ?? [];
  const setCauses = (rootCauses: RootCause[]) => onChange({ ...def, rootCauses });
  return (
    <Card size="small" className="sc-rules" title={<h3 className="sc-card-title">{t('sc.rules')}</h3>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Checkbox
          checked={def.requireCommentOnDeduction === true}
          onChange={(e) => onChange({ ...def, requireCommentOnDeduction: e.target.checked })}
        >
          {t('sc.rules.commentOnDeduction')}
        </Checkbox>
        <div role="group" aria-label={t('sc.rootCauses')}>
          <div className="sc-field-label">{t('sc.rootCauses')}</div>
          {causes.map((c, i) => (
            <Space key={c.id} size={4} className="sc-option">
              <Input
                value={c.label}
                aria-label={t('sc.rootCause.label', { n: i + 1 })}
                style={{ width: 240 }}
                onChange={(e) => setCauses(causes.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
              />
              <RemoveButton
                label={t('sc.rootCause.remove', { n: i + 1 })}
                onRemove={() => setCauses(causes.filter((_, j) => j !== i))}
              />
            </Space>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setCauses([...causes, { id: newId('cause'), label: '' }])}
          >
            {t('sc.rootCause.add')}
          </Button>
        </div>
        <Checkbox
          checked={def.requireRootCause === true}
          onChange={(e) => onChange({ ...def, requireRootCause: e.target.checked })}
        >
          {t('sc.rules.rootCauseOnDeduction')}
        </Checkbox>
      </Space>
    </Card>
  );
}
