/**
 * What the reports answer: the shapes of the comparison, trends, monthly report, alerts, annex and exports, shared by
 * the core, the page and automation. Their inputs and the period arithmetic are report.ts, which re-exports these.
 */
import type { DisputeStats, FocusItemView } from './contracts/disputes';
import type { CallbackSection } from './callbacks';
import type { NarrativeView } from './narrative';
import type { ExportFormat, ScoreMode } from './report';

export interface SectionInfo {
  id: string;
  name: string;
  /** Full points of the section (average over the evaluations, identical for one card). */
  points: number;
}

export interface ComparisonFigures {
  count: number;
  /** Average total; null when there is nothing to average. */
  total: number | null;
  min: number | null;
  max: number | null;
  criticalFails: number;
  /** Average per section id; null when no evaluation scored the section. */
  sections: Record<string, number | null>;
  previousCount: number;
  previousTotal: number | null;
  /** total − previousTotal, rounded to hundredths. */
  delta: number | null;
  /**
   * 舍入差: total − the sum of the section averages shown, so every row adds up (report-math.ts reconcile). Only
   * rounding (a few hundredths) when every evaluation scored every section; a section dropped out as N/A (the
   * total rescaled) or cards with different sections add their share. null when there is no total.
   */
  difference: number | null;
}

export interface AgentComparisonRow extends ComparisonFigures {
  agentNo: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
}

export interface AgentComparison {
  scoreMode: ScoreMode;
  from: string;
  to: string;
  team: string | null;
  teamName: string | null;
  previous: { from: string; to: string };
  sections: SectionInfo[];
  rows: AgentComparisonRow[];
  overall: ComparisonFigures;
}

export interface Trends {
  scoreMode: ScoreMode;
  months: string[];
  sections: SectionInfo[];
  agents: { agentNo: string; name: string; totals: (number | null)[]; counts: number[] }[];
  /** Per month: average total, count, and total − the sum of that month's section averages (舍入差). */
  overall: { totals: (number | null)[]; counts: number[]; differences: (number | null)[] };
  /** Per section id, the average per month. */
  sectionAverages: Record<string, (number | null)[]>;
}

export interface Deduction {
  itemId: string;
  itemName: string;
  sectionId: string;
  sectionName: string;
  /** Evaluations that answered the item (not N/A). */
  answered: number;
  /** Evaluations that lost points on it. */
  deducted: number;
  lostPoints: number;
  /** Share of the item's points lost, 0..1. */
  lostRate: number;
  criticalFails: number;
  comments: { text: string; count: number }[];
}

/**
 * Deductions by root cause (原因分类): how often a cause was given and the points lost with it, over the month's
 * deducted items; `causeId` '' is 未分类 (a deduction without a cause). Critical fails count, losing no points.
 */
export interface DeductionCause {
  causeId: string;
  /** From the card version the deductions were scored with (the newest one using the cause). */
  label: string;
  count: number;
  lostPoints: number;
  /** Share of all the month's deductions, and of all points lost, in percent to two decimals. */
  countShare: number | null;
  lostShare: number | null;
  /** Drill-down: per section and item. */
  items: {
    sectionId: string;
    sectionName: string;
    itemId: string;
    itemName: string;
    count: number;
    lostPoints: number;
  }[];
}

export interface TextCount {
  text: string;
  count: number;
}

export type AlertKind = 'drop' | 'below' | 'quota' | 'sectionDown';

export interface ReportAlert {
  kind: AlertKind;
  month: string;
  agentNo?: string;
  name?: string;
  sectionId?: string;
  sectionName?: string;
  /** The figure that raised the alert: average, count or the latest section average. */
  value: number;
  /** Previous month's average, or the section's averages oldest first for trends. */
  previous?: number[];
  threshold: number;
}

export interface AlertThresholds {
  dropPoints: number;
  belowScore: number;
  trendMonths: number;
  quotaPerAgent: number;
}

export interface Alerts {
  month: string;
  team: string | null;
  thresholds: AlertThresholds;
  alerts: ReportAlert[];
}

export interface AnnexRow {
  evaluationId: string;
  /** own: scored in this app; pulled: sent down by head office (read-only here). */
  source: 'own' | 'pulled';
  inspectorName: string;
  day: string;
  startedAt: string | null;
  agentNo: string;
  name: string;
  category: string;
  callId: string | null;
  fileName: string;
  total: number;
  criticalFailed: boolean;
  revision: number;
  sections: Record<string, number | null>;
  findings: string[];
  comment: string;
}

export interface MonthlyReport {
  month: string;
  months: string[];
  team: string | null;
  teamName: string | null;
  quotaPerAgent: number;
  /**
   * 合计: the months the cumulative columns and rows add up, a suffix of `months`. A quarter, a year to date or a
   * range adds up exactly its own months; a single month adds up the months shown of its own year (March: Q1).
   */
  cumulative: { from: string; to: string };
  sections: SectionInfo[];
  /** 1. Calls monitored per category per month, with the average score; `cumulative` over the 合计 months. */
  volume: {
    categories: {
      category: string;
      counts: number[];
      averages: (number | null)[];
      cumulative: CumulativeFigures;
    }[];
    totals: number[];
    averages: (number | null)[];
    cumulative: CumulativeFigures;
  };
  /** 1. Calls per agent per month against the agent's quota (met in the report month); `cumulative`: 合计. */
  quota: { agentNo: string; name: string; counts: number[]; quota: number; met: boolean; cumulative: number }[];
  /** Whose quota is in force: head office's sampling targets, or this app's setting where head office set none. */
  quotaSource: 'head_office' | 'local';
  /** 2. Average score per agent per month. */
  trend: Trends['agents'];
  /** 3. Section averages per month against full points; `overall` is the report month. */
  sectionAverages: Record<string, (number | null)[]>;
  /** 3. Per month, the average total in the report's mode and its 舍入差 (total − Σ section averages). */
  sectionTotals: { totals: (number | null)[]; differences: (number | null)[] };
  overall: { count: number; total: number | null; sections: Record<string, number | null>; difference: number | null };
  /** Which score every figure of sections 2–4 and 7 is (volume averages and alerts stay on the final score). */
  scoreMode: ScoreMode;
  /** 4. Per-agent, per-section comparison for the report month. */
  comparison: AgentComparison;
  /** 5. Items losing most points, finding tags, suggestions. */
  deductions: Deduction[];
  /** 5（1）: the same deductions by root cause. */
  causes: DeductionCause[];
  findings: TextCount[];
  suggestions: TextCount[];
  /** 5. The leads' narratives of the month, one per team in scope (shared/narrative.ts). */
  narratives: NarrativeView[];
  /** 6. Customer call-backs (回访). */
  callbacks: CallbackSection;
  /** 7. The annex: number of evaluations (rows come from reports.annex, or the export). */
  annexCount: number;
  alerts: ReportAlert[];
  /** 申诉: sign-offs and disputes of the month's evaluations. */
  disputes?: DisputeStats;
  /** Focus items due this month with their verdicts, and those due next month (下月改进重点). */
  focus?: { due: FocusItemView[]; next: FocusItemView[] };
}

/** A 合计 cell: evaluations over the cumulative months and their average score. */
export interface CumulativeFigures {
  count: number;
  average: number | null;
}

export interface AnnexPage {
  month: string;
  scoreMode: ScoreMode;
  total: number;
  offset: number;
  sections: SectionInfo[];
  rows: AnnexRow[];
}

export interface ReportOptions {
  teams: { id: string; name: string }[];
  /** Sites (分公司) of the roster and of the evaluations held. */
  sites: string[];
  /** Months that have submitted evaluations, newest first. */
  months: string[];
  /** This app's user at head office, when sync is set up: decides which scopes the picker offers. */
  role: 'inspector' | 'lead' | 'site' | 'head_office' | null;
  myTeams: { id: string; name: string }[];
  mySite: string | null;
}

export interface ExportResult {
  path: string;
  fileName: string;
  bytes: number;
  format: ExportFormat;
  /** Rows written in the largest table (the annex for the monthly report). */
  rows: number;
  /** The file itself, base64, when asked to `download` (then `path` is empty: nothing stays on disk). */
  content?: string;
}

export const uncategorised = '';
