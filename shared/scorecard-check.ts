/**
 * The rules a card must meet before it can be published, returned as a list so the editor shows every problem at
 * once, each with a code the page translates.
 */
import { formatHundredths as fmt, hundredths } from './points';
import type { ScorecardDefinition, ScorecardItem } from './scorecard';

export type ScorecardProblemCode =
  | 'no_sections'
  | 'empty_section'
  | 'duplicate_section_id'
  | 'duplicate_item_id'
  | 'total_not_100'
  | 'items_do_not_add_up'
  | 'critical_has_points'
  | 'scoring_item_without_points'
  | 'step_above_max'
  | 'section_scope_without_points'
  | 'choice_without_options'
  | 'options_on_other_kind'
  | 'duplicate_option_id'
  | 'option_above_max'
  | 'no_full_option'
  | 'condition_unknown_item'
  | 'condition_bad_answer'
  | 'duplicate_root_cause_id'
  | 'root_cause_required_without_causes';

export interface ScorecardProblem {
  code: ScorecardProblemCode;
  /** Where in the definition, e.g. ['sections', 1, 'items', 2]. */
  path: (string | number)[];
  message: string;
  params?: Record<string, string | number>;
}

type Path = (string | number)[];

/**
 * What a condition on `trigger` may test for: its options, pass/fail or full/deducted by kind, and "na" where the
 * trigger can be N/A (it allows N/A, or is itself conditional, and a hidden item counts as N/A).
 */
export function conditionAnswersFor(trigger: ScorecardItem): string[] {
  const values =
    trigger.kind === 'points'
      ? ['full', 'deducted']
      : trigger.kind === 'choice'
        ? [...(trigger.options ?? []).map((o) => o.id), 'full', 'deducted']
        : ['pass', 'fail'];
  if (trigger.allowNa || trigger.showIf) values.push('na');
  return values;
}

function checkOptions(item: ScorecardItem, at: Path, add: (p: ScorecardProblem) => void): void {
  const options = item.options ?? [];
  if (item.kind !== 'choice') {
    if (options.length) {
      add({
        code: 'options_on_other_kind',
        path: [...at, 'options'],
        message: `Item "${item.name}" has answer options but is not a choice item.`,
        params: { item: item.name },
      });
    }
    return;
  }
  if (options.length < 2) {
    add({
      code: 'choice_without_options',
      path: [...at, 'options'],
      message: `Choice item "${item.name}" needs at least two options.`,
      params: { item: item.name },
    });
    return;
  }
  const ids = new Set<string>();
  const maxH = hundredths(item.maxPoints);
  options.forEach((option, o) => {
    if (ids.has(option.id)) {
      add({
        code: 'duplicate_option_id',
        path: [...at, 'options', o, 'id'],
        message: `Item "${item.name}": option id "${option.id}" is used twice.`,
        params: { item: item.name, id: option.id },
      });
    }
    ids.add(option.id);
    if (hundredths(option.points) > maxH) {
      add({
        code: 'option_above_max',
        path: [...at, 'options', o, 'points'],
        message: `Item "${item.name}": option "${option.label}" gives more than the item's ${fmt(maxH)} points.`,
        params: { item: item.name, option: option.label, points: fmt(maxH) },
      });
    }
  });
  if (!options.some((o) => hundredths(o.points) === maxH)) {
    add({
      code: 'no_full_option',
      path: [...at, 'options'],
      message: `Item "${item.name}": no option gives the item's full ${fmt(maxH)} points.`,
      params: { item: item.name, points: fmt(maxH) },
    });
  }
}

function checkCondition(
  item: ScorecardItem,
  at: Path,
  earlier: Map<string, ScorecardItem>,
  add: (p: ScorecardProblem) => void,
): void {
  if (!item.showIf) return;
  const trigger = earlier.get(item.showIf.item);
  if (!trigger) {
    add({
      code: 'condition_unknown_item',
      path: [...at, 'showIf', 'item'],
      message: `Item "${item.name}" depends on "${item.showIf.item}", which is not an item above it.`,
      params: { item: item.name, trigger: item.showIf.item },
    });
    return;
  }
  const possible = conditionAnswersFor(trigger);
  item.showIf.answers.forEach((answer, a) => {
    if (!possible.includes(answer)) {
      add({
        code: 'condition_bad_answer',
        path: [...at, 'showIf', 'answers', a],
        message: `Item "${item.name}": "${trigger.name}" can never be answered "${answer}".`,
        params: { item: item.name, trigger: trigger.name, answer },
      });
    }
  });
}

function checkRootCauses(def: ScorecardDefinition, add: (p: ScorecardProblem) => void): void {
  const causes = def.rootCauses ?? [];
  const ids = new Set<string>();
  causes.forEach((cause, c) => {
    if (ids.has(cause.id)) {
      add({
        code: 'duplicate_root_cause_id',
        path: ['rootCauses', c, 'id'],
        message: `Root cause id "${cause.id}" is used twice.`,
        params: { id: cause.id },
      });
    }
    ids.add(cause.id);
  });
  if (def.requireRootCause && causes.length === 0) {
    add({
      code: 'root_cause_required_without_causes',
      path: ['requireRootCause'],
      message: 'The card requires a root cause for each deduction but lists none.',
    });
  }
}

/**
 * Everything a card needs before it can be published: sections add up to 100, each section's items add up to the
 * section, no empty section, unique ids, choice items whose best option is worth the item, conditions on items
 * above with answers those items can give.
 */
export function checkScorecard(def: ScorecardDefinition): ScorecardProblem[] {
  const problems: ScorecardProblem[] = [];
  const add = (p: ScorecardProblem) => problems.push(p);
  if (def.sections.length === 0) {
    add({ code: 'no_sections', path: ['sections'], message: 'A scorecard needs at least one section.' });
  }
  const sectionIds = new Set<string>();
  const earlier = new Map<string, ScorecardItem>();
  let totalH = 0;
  def.sections.forEach((section, s) => {
    const at = ['sections', s];
    totalH += hundredths(section.points);
    if (sectionIds.has(section.id)) {
      add({
        code: 'duplicate_section_id',
        path: [...at, 'id'],
        message: `Section id "${section.id}" is used twice.`,
        params: { id: section.id },
      });
    }
    sectionIds.add(section.id);
    if (section.items.length === 0) {
      add({
        code: 'empty_section',
        path: at,
        message: `Section "${section.name}" has no items.`,
        params: { section: section.name },
      });
    }
    let itemsH = 0;
    let hasCriticalSectionScope = false;
    section.items.forEach((item, i) => {
      const itemAt = [...at, 'items', i];
      if (earlier.has(item.id)) {
        add({
          code: 'duplicate_item_id',
          path: [...itemAt, 'id'],
          message: `Item id "${item.id}" is used twice.`,
          params: { id: item.id },
        });
      }
      checkOptions(item, itemAt, add);
      checkCondition(item, itemAt, earlier, add);
      earlier.set(item.id, item);
      if (item.kind === 'critical') {
        if (hundredths(item.maxPoints) !== 0) {
          add({
            code: 'critical_has_points',
            path: [...itemAt, 'maxPoints'],
            message: `Critical item "${item.name}" must carry 0 points; it gates the score instead.`,
            params: { item: item.name },
          });
        }
        if (item.criticalScope === 'section') hasCriticalSectionScope = true;
        return;
      }
      itemsH += hundredths(item.maxPoints);
      if (hundredths(item.maxPoints) === 0) {
        add({
          code: 'scoring_item_without_points',
          path: [...itemAt, 'maxPoints'],
          message: `Item "${item.name}" carries no points.`,
          params: { item: item.name },
        });
      } else if (item.kind === 'points' && hundredths(item.step) > hundredths(item.maxPoints)) {
        add({
          code: 'step_above_max',
          path: [...itemAt, 'step'],
          message: `Item "${item.name}": the step is larger than the item's points.`,
          params: { item: item.name },
        });
      }
    });
    if (section.items.length > 0 && itemsH !== hundredths(section.points)) {
      add({
        code: 'items_do_not_add_up',
        path: [...at, 'points'],
        message: `Items in "${section.name}" add up to ${fmt(itemsH)}, the section has ${fmt(hundredths(section.points))}.`,
        params: { section: section.name, items: fmt(itemsH), points: fmt(hundredths(section.points)) },
      });
    }
    if (hasCriticalSectionScope && hundredths(section.points) === 0) {
      add({
        code: 'section_scope_without_points',
        path: at,
        message: `Section "${section.name}" has no points, so a critical item limited to it would change nothing.`,
        params: { section: section.name },
      });
    }
  });
  if (def.sections.length > 0 && totalH !== 10000) {
    add({
      code: 'total_not_100',
      path: ['sections'],
      message: `Sections add up to ${fmt(totalH)}, not 100.`,
      params: { total: fmt(totalH) },
    });
  }
  checkRootCauses(def, add);
  return problems;
}
