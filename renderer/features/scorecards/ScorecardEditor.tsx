import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Input, InputNumber, Select, Space, Tooltip } from 'antd';
import {
  channels,
  checkScorecard,
  type ScorecardDefinition,
  type ScorecardItem,
  type ScorecardSection,
} from '../../../shared/scorecard';
import { useT, type MessageKey } from '../../i18n';
import { ConditionEditor, DeductionRules, newId, OptionsEditor, startingOptions } from './FormRules';

function move<T>(list: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

function Reorder({ onMove, onRemove }: { onMove(by: -1 | 1): void; onRemove(): void }) {
  const t = useT();
  return (
    <Space size={2}>
      <Tooltip title={t('sc.moveUp')}>
        <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('sc.moveUp')} onClick={() => onMove(-1)} />
      </Tooltip>
      <Tooltip title={t('sc.moveDown')}>
        <Button size="small" icon={<ArrowDownOutlined />} aria-label={t('sc.moveDown')} onClick={() => onMove(1)} />
      </Tooltip>
      <Tooltip title={t('sc.remove')}>
        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('sc.remove')} onClick={onRemove} />
      </Tooltip>
    </Space>
  );
}

function ItemEditor({
  item,
  earlier,
  onChange,
  onMove,
  onRemove,
}: {
  item: ScorecardItem;
  /** Items before this one on the card: what a condition may name. */
  earlier: ScorecardItem[];
  onChange(item: ScorecardItem): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const t = useT();
  const set = (patch: Partial<ScorecardItem>) => onChange({ ...item, ...patch });
  return (
    <div className="sc-item" data-item-id={item.id}>
      <Space wrap align="start">
        <Input
          value={item.name}
          placeholder={t('sc.item.name')}
          aria-label={t('sc.item.name')}
          style={{ width: 240 }}
          onChange={(e) => set({ name: e.target.value })}
        />
        <Select
          value={item.kind}
          style={{ width: 100 }}
          aria-label={t('sc.item.kind')}
          onChange={(kind) => {
            const maxPoints = kind === 'critical' ? 0 : item.maxPoints || 1;
            // Options belong to choice items only (checkScorecard refuses them elsewhere).
            const options = kind === 'choice' ? (item.options ?? startingOptions(t, maxPoints)) : undefined;
            set({ kind, maxPoints, options });
          }}
          options={(['points', 'yesno', 'choice', 'critical'] as const).map((k) => ({
            value: k,
            label: t(`sc.kind.${k}`),
          }))}
        />
        {item.kind !== 'critical' && (
          <InputNumber
            addonBefore={t('sc.item.max')}
            aria-label={`${item.name} ${t('sc.item.max')}`}
            value={item.maxPoints}
            min={0}
            max={100}
            step={0.5}
            precision={2}
            style={{ width: 150 }}
            onChange={(v) => set({ maxPoints: v ?? 0 })}
          />
        )}
        {item.kind === 'points' && (
          <InputNumber
            addonBefore={t('sc.item.step')}
            aria-label={`${item.name} ${t('sc.item.step')}`}
            value={item.step}
            min={0.01}
            max={100}
            step={0.5}
            precision={2}
            style={{ width: 140 }}
            onChange={(v) => set({ step: v ?? 1 })}
          />
        )}
        {item.kind === 'critical' && (
          <Select
            value={item.criticalScope}
            style={{ width: 150 }}
            aria-label={t('sc.item.scope')}
            onChange={(criticalScope) => set({ criticalScope })}
            options={(['total', 'section'] as const).map((s) => ({ value: s, label: t(`sc.scope.${s}`) }))}
          />
        )}
        <Checkbox
          checked={item.allowNa}
          aria-label={`${item.name} ${t('sc.item.na')}`}
          onChange={(e) => set({ allowNa: e.target.checked })}
        >
          {t('sc.item.na')}
        </Checkbox>
        {item.kind !== 'critical' && (
          <Checkbox
            checked={item.requireComment === true}
            aria-label={`${item.name} ${t('sc.item.requireComment')}`}
            onChange={(e) => set({ requireComment: e.target.checked || undefined })}
          >
            {t('sc.item.requireComment')}
          </Checkbox>
        )}
        <Reorder onMove={onMove} onRemove={onRemove} />
      </Space>
      {item.kind === 'choice' && <OptionsEditor item={item} onChange={(options) => set({ options })} />}
      <ConditionEditor item={item} earlier={earlier} onChange={(showIf) => set({ showIf })} />
      <Space.Compact block className="sc-item-text">
        <Input.TextArea
          value={item.description}
          autoSize={{ minRows: 1, maxRows: 3 }}
          placeholder={t('sc.item.description')}
          aria-label={`${item.name} ${t('sc.item.description')}`}
          onChange={(e) => set({ description: e.target.value })}
        />
        <Input.TextArea
          value={item.guidance}
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={t('sc.item.guidance')}
          aria-label={`${item.name} ${t('sc.item.guidance')}`}
          onChange={(e) => set({ guidance: e.target.value })}
        />
      </Space.Compact>
    </div>
  );
}

function SectionEditor(props: {
  section: ScorecardSection;
  /** Items of the sections before this one. */
  before: ScorecardItem[];
  onChange(section: ScorecardSection): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const { section, onChange } = props;
  const t = useT();
  const setItems = (items: ScorecardItem[]) => onChange({ ...section, items });
  return (
    <Card
      size="small"
      className="sc-section"
      title={
        <Space wrap>
          <Input
            value={section.name}
            aria-label={t('sc.section')}
            style={{ width: 240 }}
            onChange={(e) => onChange({ ...section, name: e.target.value })}
          />
          <InputNumber
            addonBefore={t('sc.sectionPoints')}
            aria-label={`${section.name} ${t('sc.sectionPoints')}`}
            value={section.points}
            min={0}
            max={100}
            precision={2}
            style={{ width: 160 }}
            onChange={(v) => onChange({ ...section, points: v ?? 0 })}
          />
        </Space>
      }
      extra={<Reorder onMove={props.onMove} onRemove={props.onRemove} />}
    >
      {section.items.map((item, i) => (
        <ItemEditor
          key={item.id}
          item={item}
          earlier={[...props.before, ...section.items.slice(0, i)]}
          onChange={(next) => setItems(section.items.map((it, j) => (j === i ? next : it)))}
          onMove={(by) => setItems(move(section.items, i, by))}
          onRemove={() => setItems(section.items.filter((_, j) => j !== i))}
        />
      ))}
      {
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() =>
            setItems([
              ...section.items,
              {
                id: newId(section.id),
                name: '',
                kind: 'points',
                maxPoints: 1,
                step: 1,
                allowNa: false,
                description: '',
                guidance: '',
                criticalScope: 'total',
              },
            ])
          }
        >
          {t('sc.addItem')}
        </Button>
      }
    </Card>
  );
}

/** Edits a whole draft definition in memory; the page saves it (autosave). Problems are listed live. */
export function ScorecardEditor({
  def,
  onChange,
}: {
  def: ScorecardDefinition;
  onChange(def: ScorecardDefinition): void;
}) {
  const t = useT();
  const problems = checkScorecard(def);
  const setSections = (sections: ScorecardSection[]) => onChange({ ...def, sections });
  return (
    <Space direction="vertical" style={{ width: '100%' }} className="sc-editor">
      <Space wrap>
        <Input
          value={def.name}
          addonBefore={t('sc.name')}
          aria-label={t('sc.name')}
          style={{ width: 360 }}
          onChange={(e) => onChange({ ...def, name: e.target.value })}
        />
        <Select
          value={def.channel}
          style={{ width: 200 }}
          aria-label={t('sc.channel')}
          onChange={(channel) => onChange({ ...def, channel })}
          options={channels.map((c) => ({ value: c, label: t(`sc.channel.${c}`) }))}
        />
      </Space>
      <Input.TextArea
        value={def.description}
        placeholder={t('sc.description')}
        aria-label={t('sc.description')}
        autoSize={{ minRows: 1, maxRows: 4 }}
        onChange={(e) => onChange({ ...def, description: e.target.value })}
      />
      {problems.length ? (
        <Alert
          type="warning"
          showIcon
          message={t('sc.problems')}
          description={
            <ul className="sc-problems">
              {problems.map((p, i) => (
                <li key={i}>{t(`sc.problem.${p.code}` as const satisfies MessageKey, p.params)}</li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon message={t('sc.ok')} />
      )}
      {def.sections.map((section, i) => (
        <SectionEditor
          key={section.id}
          section={section}
          before={def.sections.slice(0, i).flatMap((s) => s.items)}
          onChange={(next) => setSections(def.sections.map((s, j) => (j === i ? next : s)))}
          onMove={(by) => setSections(move(def.sections, i, by))}
          onRemove={() => setSections(def.sections.filter((_, j) => j !== i))}
        />
      ))}
      {
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            setSections([...def.sections, { id: newId('section'), name: '', points: 0, description: '', items: [] }])
          }
        >
          {t('sc.addSection')}
        </Button>
      }
      <DeductionRules def={def} onChange={onChange} />
    </Space>
  );
}
