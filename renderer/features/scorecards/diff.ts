import type { ScorecardDefinition, ScorecardItem } from '../../../shared/scorecard';
import type { Translate } from '../../i18n';

const itemFields = [
  'name',
  'kind',
  'maxPoints',
  'step',
  'allowNa',
  'criticalScope',
  'description',
  'guidance',
  'options',
  'showIf',
  'requireComment',
] as const;

/** Whether two definitions score alike and read alike (publishing the second would add nothing). */
export function sameDefinition(a: ScorecardDefinition, b: ScorecardDefinition): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(def: ScorecardDefinition) {
  return {
    name: def.name.trim(),
    channel: def.channel,
    description: def.description.trim(),
    rules: rules(def),
    sections: def.sections.map((s) => ({
      id: s.id,
      name: s.name.trim(),
      points: s.points,
      description: s.description.trim(),
      items: s.items.map((i) => Object.fromEntries(itemFields.map((f) => [f, norm(i[f])]))),
    })),
  };
}

const norm = (v: unknown) => (typeof v === 'string' ? v.trim() : v === undefined ? v : JSON.stringify(v));

/** The card's rules on deductions, compared as one (false and absent read alike). */
const rules = (d: ScorecardDefinition) =>
  JSON.stringify([d.requireCommentOnDeduction === true, d.rootCauses ?? [], d.requireRootCause === true]);

/**
 * What a new version changes against the one before it, one line per change in the user's language: sections and
 * items added, removed or moved, and which of an item's fields changed (points with old → new).
 */
export function describeChanges(
  t: Translate,
  before: ScorecardDefinition | null,
  after: ScorecardDefinition,
): string[] {
  if (!before) return [t('sc.diff.first')];
  const out: string[] = [];
  if (before.name.trim() !== after.name.trim()) out.push(t('sc.diff.name', { from: before.name, to: after.name }));
  if (before.channel !== after.channel) out.push(t('sc.diff.channel'));
  if (before.description.trim() !== after.description.trim()) out.push(t('sc.diff.description'));
  if (rules(before) !== rules(after)) out.push(t('sc.diff.rules'));
  const oldSections = new Map(before.sections.map((s) => [s.id, s]));
  const newIds = new Set(after.sections.map((s) => s.id));
  for (const s of before.sections) if (!newIds.has(s.id)) out.push(t('sc.diff.sectionRemoved', { section: s.name }));
  const oldItems = new Map(before.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
  const newItems = new Set(after.sections.flatMap((s) => s.items.map((i) => i.id)));
  for (const s of after.sections) {
    const old = oldSections.get(s.id);
    if (!old) out.push(t('sc.diff.sectionAdded', { section: s.name, points: s.points }));
    else {
      if (old.name.trim() !== s.name.trim()) out.push(t('sc.diff.name', { from: old.name, to: s.name }));
      if (old.points !== s.points)
        out.push(t('sc.diff.sectionPoints', { section: s.name, from: old.points, to: s.points }));
    }
    for (const item of s.items) {
      const was = oldItems.get(item.id);
      if (!was) out.push(t('sc.diff.itemAdded', { item: item.name, section: s.name }));
      else out.push(...itemChanges(t, was, item));
    }
  }
  for (const [id, item] of oldItems) if (!newItems.has(id)) out.push(t('sc.diff.itemRemoved', { item: item.name }));
  const order = (d: ScorecardDefinition) =>
    d.sections.flatMap((s) => s.items.map((i) => i.id)).filter((id) => oldItems.has(id) && newItems.has(id));
  if (out.length === 0 && order(before).join() !== order(after).join()) out.push(t('sc.diff.order'));
  return out;
}

function itemChanges(t: Translate, was: ScorecardItem, now: ScorecardItem): string[] {
  const out: string[] = [];
  if (was.name.trim() !== now.name.trim()) out.push(t('sc.diff.name', { from: was.name, to: now.name }));
  if (was.maxPoints !== now.maxPoints)
    out.push(t('sc.diff.itemPoints', { item: now.name, from: was.maxPoints, to: now.maxPoints }));
  const fields = (
    [
      'kind',
      'step',
      'allowNa',
      'criticalScope',
      'description',
      'guidance',
      'options',
      'showIf',
      'requireComment',
    ] as const
  ).filter((f) => norm(was[f]) !== norm(now[f]));
  if (fields.length)
    out.push(t('sc.diff.itemFields', { item: now.name, fields: fields.map((f) => t(`sc.field.${f}`)).join('、') }));
  return out;
}
