/**
 * Bulk loading for the reports benchmark: many submitted evaluations (recording, evaluation, section scores and
 * answers, as the submit path stores them) written in batches of JSON expanded by SQLite itself, so the load
 * measures SQLite's writes, not one JS→native call per row. Answers and section scores come from a few hundred
 * evaluations scored with the real scoring code (shared/scoring.ts), kept in temp tables and copied per evaluation.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ScorecardRepository } from '../../electron/core/scorecards/repo';
import { hundredths } from '../../shared/scorecard';
import { computeScore } from '../../shared/scoring';
import { seededRandom } from './fault-proxy';
import { defaultCard, type Card } from './sync-client';
import type { Answers } from '../../shared/evaluation';
import type { ScorecardDefinition } from '../../shared/scorecard';

export const bulkCategories = ['网站类', '邮箱类', '域名类', '服务类', '其他'];

export interface BulkShape {
  teams: number;
  agentsPerTeam: number;
  /** Months the evaluations spread over, oldest first (YYYY-MM). */
  months: string[];
  templates?: number;
}

const templateSql = `
CREATE TEMP TABLE IF NOT EXISTS bulk_template (
  t INTEGER PRIMARY KEY, total_x100 INTEGER NOT NULL, uncapped_x100 INTEGER NOT NULL, critical INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS bulk_template_section (
  t INTEGER, section_id TEXT, section_name TEXT, position INTEGER, points_x100 INTEGER, score_x100 INTEGER,
  uncapped_x100 INTEGER, earned_x100 INTEGER, possible_x100 INTEGER, na INTEGER, critical INTEGER,
  PRIMARY KEY (t, section_id));
CREATE TEMP TABLE IF NOT EXISTS bulk_template_answer (
  t INTEGER, item_id TEXT, section_id TEXT, kind TEXT, answer TEXT, points_x100 INTEGER, max_x100 INTEGER,
  PRIMARY KEY (t, item_id));
DELETE FROM bulk_template; DELETE FROM bulk_template_section; DELETE FROM bulk_template_answer;`;

/** Roster, the default card (published) and `templates` scored answer sets. Returns the card. */
export function prepareBulk(db: Database, shape: BulkShape): Card {
  const card = defaultCard();
  const random = seededRandom(7);
  db.exec(templateSql);
  db.transaction(() => {
    new ScorecardRepository(db).insertPublished(card.id, card.version, card.definition, 'local');
    const team = db.prepare('INSERT OR IGNORE INTO teams (id, name) VALUES (?, ?)');
    const agent = db.prepare('INSERT OR IGNORE INTO agents (agent_no, name, team_id) VALUES (?, ?, ?)');
    for (let t = 1; t <= shape.teams; t++) {
      team.run(teamId(t), `${t}组`);
      for (let a = 1; a <= shape.agentsPerTeam; a++) {
        const no = agentNo(t, a, shape.agentsPerTeam);
        agent.run(no, `坐席${no}`, teamId(t));
      }
    }
    const tpl = db.prepare('INSERT INTO bulk_template VALUES (?, ?, ?, ?)');
    const sec = db.prepare('INSERT INTO bulk_template_section VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const ans = db.prepare('INSERT INTO bulk_template_answer VALUES (?, ?, ?, ?, ?, ?, ?)');
    const h = (v: number | null) => (v === null ? null : hundredths(v));
    for (let t = 0; t < (shape.templates ?? 256); t++) {
      const answers = likelyAnswers(card.definition, random);
      const score = computeScore(card.definition, answers);
      tpl.run(t, hundredths(score.total), hundredths(score.uncappedTotal), score.criticalFailed ? 1 : 0);
      card.definition.sections.forEach((s, position) => {
        const sc = score.sections[s.id];
        sec.run(t, s.id, s.name, position, h(sc.points), h(sc.score), h(sc.uncappedScore), h(sc.earned),
          h(sc.possible), sc.na ? 1 : 0, sc.criticalFailed ? 1 : 0); // prettier-ignore
        for (const item of s.items) {
          const a = answers[item.id];
          const points =
            item.kind === 'critical' || a === 'na'
              ? null
              : typeof a === 'number'
                ? hundredths(a)
                : a === 'pass'
                  ? hundredths(item.maxPoints)
                  : 0;
          ans.run(t, item.id, s.id, item.kind, typeof a === 'number' ? 'points' : a, points, h(item.maxPoints));
        }
      });
    }
  })();
  return card;
}

/** Answers as inspectors give them: most items in full, some points lost, rare N/A and critical fails (avg ≈ 80). */
function likelyAnswers(def: ScorecardDefinition, random: () => number): Answers {
  const answers: Answers = {};
  for (const item of def.sections.flatMap((s) => s.items)) {
    if (item.allowNa && random() < 0.05) answers[item.id] = 'na';
    else if (item.kind === 'critical') answers[item.id] = random() < 0.01 ? 'fail' : 'pass';
    else if (item.kind === 'yesno') answers[item.id] = random() < 0.85 ? 'pass' : 'fail';
    else {
      const steps = Math.floor(hundredths(item.maxPoints) / hundredths(item.step));
      const kept = random() < 0.6 ? steps : Math.floor(random() * (steps + 1));
      answers[item.id] = (kept * hundredths(item.step)) / 100;
    }
  }
  return answers;
}

export const teamId = (t: number) => `team-${String(t).padStart(2, '0')}`;
export const agentNo = (t: number, a: number, perTeam: number) => String(1000 + (t - 1) * perTeam + a);

const pad = (n: number) => String(n).padStart(2, '0');

/** Prepared statements that expand one JSON batch `[[evalId, recId, agentNo, startedAt, category, template], ...]`. */
export function bulkWriter(db: Database, card: Card) {
  const recordings = db.prepare(`INSERT INTO recordings (id, sha256, file_name, library_path, size_bytes, format,
      codec, sample_rate, channels, duration_ms, call_id, agent_no, started_at, category)
    SELECT j.value ->> 1, j.value ->> 1, (j.value ->> 1) || '.wav', (j.value ->> 1) || '.wav', 96000, 'wav',
      'pcm_alaw', 8000, 1, 180000, j.value ->> 0, j.value ->> 2, j.value ->> 3, j.value ->> 4
    FROM json_each(?) j`);
  const evaluations = db.prepare(`INSERT INTO evaluations (id, recording_id, agent_no, scorecard_id,
      scorecard_version, status, revision, total_x100, uncapped_total_x100, critical_failed, created_at, updated_at,
      first_submitted_at, submitted_at)
    SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, '${card.id}', ${card.version}, 'submitted', 1,
      t.total_x100, t.uncapped_x100, t.critical, j.value ->> 3, j.value ->> 3, j.value ->> 3, j.value ->> 3
    FROM json_each(?) j CROSS JOIN bulk_template t ON t.t = j.value ->> 5`);
  const sections = db.prepare(`INSERT INTO evaluation_section_scores SELECT j.value ->> 0, s.section_id,
      s.section_name, s.position, s.points_x100, s.score_x100, s.uncapped_x100, s.earned_x100, s.possible_x100, s.na,
      s.critical
    FROM json_each(?) j CROSS JOIN bulk_template_section s ON s.t = j.value ->> 5`);
  const answers = db.prepare(`INSERT INTO evaluation_answers (evaluation_id, item_id, section_id, kind, answer,
      points_x100, max_x100)
    SELECT j.value ->> 0, a.item_id, a.section_id, a.kind, a.answer, a.points_x100, a.max_x100
    FROM json_each(?) j CROSS JOIN bulk_template_answer a ON a.t = j.value ->> 5`);
  return (batch: unknown[][]) => {
    const json = JSON.stringify(batch);
    recordings.run(json);
    evaluations.run(json);
    sections.run(json);
    answers.run(json);
  };
}

/** `count` evaluations spread evenly over the shape's months, agents and days; yields batches of `size`. */
export function* bulkBatches(shape: BulkShape, count: number, size = 5000, seed = 11): Generator<unknown[][]> {
  const random = seededRandom(seed);
  const agents = shape.teams * shape.agentsPerTeam;
  const templates = shape.templates ?? 256;
  let batch: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const month = shape.months[Math.floor((i * shape.months.length) / count)];
    const a = Math.floor(random() * agents);
    const day = 1 + Math.floor(random() * 28);
    const started = `${month}-${pad(day)}T${pad(8 + Math.floor(random() * 10))}:${pad(i % 60)}:00`;
    const id = randomUUID();
    batch.push([id, `r${id}`, String(1001 + a), started, bulkCategories[i % 5], Math.floor(random() * templates)]);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
