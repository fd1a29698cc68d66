/**
 * Calibration results: how alike the invited inspectors scored the same calls. The one computation behind the
 * results page, its export and automation, in the app (head office, the session's creator, and each inspector once
 * the session has closed) and anywhere else that holds the scores.
 *
 * Definitions (README, "Calibration"):
 * - An item's value: the points given (points items); the item's points for pass and 0 for fail (yes/no items);
 *   1 for pass and 0 for fail (critical items, which carry no points). N/A is no value.
 * - Per item, section and call total: n, mean (exact, rounded half-up once to hundredths like every report score),
 *   sample standard deviation (n − 1; null below two values), min and max.
 * - Target: the reference evaluation's value where the call has one (and it answered the item), else the
 *   inspectors' mean as shown (consensus). Deviation = value − target, in points, exact to the hundredth.
 * - Alignment of an inspector (MaestroQA's): per item 1 − |deviation| ÷ the item's points, weighted by the item's
 *   points over every points and yes/no item they and the target both valued, so 1 − Σ|deviation| ÷ Σ points.
 *   Critical items carry no points and so no weight; their disagreement shows in the nominal α and the item list.
 * - α: Krippendorff's, over units = (call, item), coders = the inspectors (never the reference): interval metric on
 *   points items, values as a share of the item's points so 5- and 15-point items weigh alike; nominal on yes/no
 *   and critical items.
 */
import type { Answer, Answers, PulledRevision, RevisionNote } from './evaluation';
import { krippendorffAlpha, alphaReading, type AlphaReading, type AlphaUnit } from './krippendorff';
import { averageX100, pointsDelta } from './report-math';
import { hundredths, type ItemKind, type ScorecardDefinition, type ScorecardItem } from './scorecard';

export interface CalibrationCallInput {
  sha256: string;
  callId: string | null;
  /** The expert's scoring of this call, if the session has one. */
  reference: { answers: Answers; total: number; sections: Record<string, number | null> } | null;
}

export interface CalibrationScoreInput {
  inspectorId: string;
  inspectorName: string;
  sha256: string;
  answers: Answers;
  total: number;
  sections: Record<string, number | null>;
  itemComments: Record<string, string>;
  comment: string;
  notes: RevisionNote[];
}

export interface ValueStats {
  n: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
}

export interface Rating {
  inspectorId: string;
  /** null for N/A. */
  value: number | null;
  answer: Answer | null;
  deviation: number | null;
  comment: string;
  /** The inspector's notes tied to this item, with their time in the call. */
  notes: RevisionNote[];
}

export interface ItemResult extends ValueStats {
  sha256: string;
  callId: string | null;
  itemId: string;
  itemName: string;
  sectionId: string;
  kind: ItemKind;
  maxPoints: number;
  target: number | null;
  targetSource: 'reference' | 'consensus' | null;
  /** sd ÷ the item's points (÷ 1 for critical items): what ranks items by disagreement. */
  spread: number | null;
  ratings: Rating[];
}

export interface SectionResult extends ValueStats {
  sha256: string;
  sectionId: string;
  name: string;
  points: number;
  target: number | null;
}

export interface CallResult {
  sha256: string;
  callId: string | null;
  total: ValueStats;
  target: number | null;
  targetSource: 'reference' | 'consensus' | null;
  /** Each inspector's total, overall comment and notes not tied to an item. */
  scores: { inspectorId: string; total: number; deviation: number | null; comment: string; notes: RevisionNote[] }[];
}

export interface InspectorResult {
  inspectorId: string;
  name: string;
  /** Calls this inspector scored. */
  calls: number;
  /** 0..1, null when nothing was comparable. */
  alignment: number | null;
  /** Average of (own total − target total) over the calls scored, in points. */
  meanDeviation: number | null;
}

export interface AlphaFigure {
  alpha: number | null;
  reading: AlphaReading;
  units: number;
}

export interface CalibrationResults {
  calls: CallResult[];
  /** Every (call, item), the most disagreement first. */
  items: ItemResult[];
  sections: SectionResult[];
  inspectors: InspectorResult[];
  alpha: { interval: AlphaFigure; nominal: AlphaFigure };
}

/** A score as the results take it, from a calibration score's body. */
export function scoreInput(
  inspector: { id: string; name: string },
  sha256: string,
  body: Pick<PulledRevision, 'answers' | 'total' | 'sections' | 'itemComments' | 'comment' | 'notes'>,
): CalibrationScoreInput {
  return {
    inspectorId: inspector.id,
    inspectorName: inspector.name,
    sha256,
    answers: body.answers,
    total: body.total,
    sections: body.sections,
    itemComments: body.itemComments,
    comment: body.comment,
    notes: body.notes ?? [],
  };
}

/** An answer as a number of the item's scale (see the definitions above); null for N/A or no answer. */
export function itemValue(item: ScorecardItem, answer: Answer | undefined): number | null {
  if (answer === undefined || answer === 'na') return null;
  if (item.kind === 'points') return typeof answer === 'number' ? answer : null;
  const pass = answer === 'pass';
  if (item.kind === 'critical') return pass ? 1 : 0;
  return pass ? item.maxPoints : 0;
}

/** Stats of values given in points; exact means via integer hundredths. */
export function valueStats(values: number[]): ValueStats {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, min: null, max: null };
  const h = values.map(hundredths);
  const sum = h.reduce((a, b) => a + b, 0);
  const exactMean = sum / n;
  const sd = n < 2 ? null : Math.sqrt(h.reduce((acc, x) => acc + (x - exactMean) ** 2, 0) / (n - 1)) / 100;
  return { n, mean: averageX100(sum, n), sd, min: Math.min(...h) / 100, max: Math.max(...h) / 100 };
}

const byInspector = (a: { inspectorId: string }, b: { inspectorId: string }) =>
  a.inspectorId < b.inspectorId ? -1 : a.inspectorId > b.inspectorId ? 1 : 0;

interface Accumulator {
  name: string;
  calls: number;
  deviationX100: number;
  lostX100: number;
  possibleX100: number;
}

export function calibrationResults(
  card: ScorecardDefinition,
  calls: CalibrationCallInput[],
  allScores: CalibrationScoreInput[],
): CalibrationResults {
  // One score per inspector and call (the server and the app both keep one); sorted so input order never matters.
  const scores = [...allScores].sort(byInspector);
  const acc = new Map<string, Accumulator>();
  for (const s of scores) {
    if (!acc.has(s.inspectorId)) {
      acc.set(s.inspectorId, { name: s.inspectorName, calls: 0, deviationX100: 0, lostX100: 0, possibleX100: 0 });
    }
  }
  const items: ItemResult[] = [];
  const sections: SectionResult[] = [];
  const callResults: CallResult[] = [];
  const intervalUnits: AlphaUnit[] = [];
  const nominalUnits: AlphaUnit[] = [];

  calls.forEach((call) => {
    const mine = scores.filter((s) => s.sha256 === call.sha256);
    const totals = valueStats(mine.map((s) => s.total));
    const totalTarget = call.reference ? call.reference.total : mine.length ? totals.mean : null;
    callResults.push({
      sha256: call.sha256,
      callId: call.callId,
      total: totals,
      target: totalTarget,
      targetSource: call.reference ? 'reference' : mine.length ? 'consensus' : null,
      scores: mine.map((s) => ({
        inspectorId: s.inspectorId,
        total: s.total,
        deviation: pointsDelta(s.total, totalTarget),
        comment: s.comment,
        notes: s.notes.filter((n) => n.itemId === null),
      })),
    });
    for (const s of mine) {
      const a = acc.get(s.inspectorId)!;
      a.calls++;
      if (totalTarget !== null) a.deviationX100 += hundredths(s.total) - hundredths(totalTarget);
    }
    for (const section of card.sections) {
      const values = mine.map((s) => s.sections[section.id]).filter((v): v is number => typeof v === 'number');
      const stats = valueStats(values);
      const ref = call.reference?.sections[section.id];
      sections.push({
        sha256: call.sha256,
        sectionId: section.id,
        name: section.name,
        points: section.points,
        ...stats,
        target: typeof ref === 'number' ? ref : stats.mean,
      });
      for (const item of section.items) {
        const ratings = mine.map((s) => ({ s, value: itemValue(item, s.answers[item.id]) }));
        const valued = ratings.filter((r) => r.value !== null).map((r) => r.value as number);
        const stats = valueStats(valued);
        const refValue = call.reference ? itemValue(item, call.reference.answers[item.id]) : null;
        const target = refValue ?? stats.mean;
        const scale = item.kind === 'critical' ? 1 : item.maxPoints;
        items.push({
          sha256: call.sha256,
          callId: call.callId,
          itemId: item.id,
          itemName: item.name,
          sectionId: section.id,
          kind: item.kind,
          maxPoints: item.maxPoints,
          ...stats,
          target,
          targetSource: refValue !== null ? 'reference' : stats.mean !== null ? 'consensus' : null,
          spread: stats.sd === null || scale <= 0 ? null : stats.sd / scale,
          ratings: ratings.map(({ s, value }) => ({
            inspectorId: s.inspectorId,
            value,
            answer: s.answers[item.id] ?? null,
            deviation: value === null ? null : pointsDelta(value, target),
            comment: s.itemComments[item.id] ?? '',
            notes: s.notes.filter((n) => n.itemId === item.id),
          })),
        });
        if (item.kind !== 'critical' && target !== null) {
          for (const { s, value } of ratings) {
            if (value === null) continue;
            const a = acc.get(s.inspectorId)!;
            a.lostX100 += Math.abs(hundredths(value) - hundredths(target));
            a.possibleX100 += hundredths(item.maxPoints);
          }
        }
        if (item.kind === 'points' && item.maxPoints > 0) {
          intervalUnits.push(valued.map((v) => v / item.maxPoints));
        } else if (item.kind !== 'points') {
          nominalUnits.push(valued.map((v) => (v > 0 ? 'pass' : 'fail')));
        }
      }
    }
  });

  const figure = (units: AlphaUnit[], metric: 'interval' | 'nominal'): AlphaFigure => {
    const r = krippendorffAlpha(units, metric);
    return { alpha: r.alpha, reading: alphaReading(r.alpha), units: r.pairableUnits };
  };
  const order = new Map(items.map((item, i) => [item, i]));
  items.sort((a, b) => (b.spread ?? -1) - (a.spread ?? -1) || order.get(a)! - order.get(b)!);
  return {
    calls: callResults,
    items,
    sections,
    inspectors: [...acc.entries()].map(([inspectorId, a]) => ({
      inspectorId,
      name: a.name,
      calls: a.calls,
      alignment: a.possibleX100 > 0 ? 1 - a.lostX100 / a.possibleX100 : null,
      meanDeviation: averageX100(a.deviationX100, a.calls),
    })),
    alpha: { interval: figure(intervalUnits, 'interval'), nominal: figure(nominalUnits, 'nominal') },
  };
}
