import type { AgentComparison, ComparisonBucket } from '../shared/sync';
import type { Queryable } from './db';

export interface ComparisonFilter {
  from?: string;
  to?: string;
  site?: string;
  teamId?: string;
}

interface LatestRow {
  agent_no: string | null;
  name: string | null;
  total: string;
  sections_json: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

class Bucket {
  count = 0;
  sum = 0;
  private readonly sections = new Map<string, { sum: number; n: number }>();
  add(total: number, sections: Record<string, number | null>): void {
    this.count++;
    this.sum += total;
    for (const [id, score] of Object.entries(sections)) {
      if (score === null) continue; // a section that dropped out (all N/A) does not drag the average down
      const s = this.sections.get(id) ?? { sum: 0, n: 0 };
      s.sum += score;
      s.n++;
      this.sections.set(id, s);
    }
  }
  toJSON(): ComparisonBucket {
    const sections: Record<string, number> = {};
    for (const [id, s] of this.sections) sections[id] = round2(s.sum / s.n);
    return { count: this.count, total: this.count ? round2(this.sum / this.count) : 0, sections };
  }
}

/**
 * Per-agent averages over the latest revision of every evaluation, across all inspectors and sites.
 * `from`/`to` are calendar days (inclusive) of the submission time in UTC.
 */
export async function agentComparison(db: Queryable, filter: ComparisonFilter): Promise<AgentComparison> {
  const rows = await db.query<LatestRow>(
    `SELECT latest.agent_no, a.name, latest.total::text AS total, latest.sections_json
       FROM (SELECT DISTINCT ON (evaluation_id) evaluation_id, agent_no, total, sections_json, submitted_at
               FROM evaluation_revisions
              ORDER BY evaluation_id, revision DESC) latest
       LEFT JOIN agents a ON a.agent_no = latest.agent_no
      WHERE ($1::date IS NULL OR latest.submitted_at >= $1::date)
        AND ($2::date IS NULL OR latest.submitted_at < $2::date + 1)
        AND ($3::text IS NULL OR a.site = $3)
        AND ($4::text IS NULL OR a.team_id = $4)`,
    [filter.from ?? null, filter.to ?? null, filter.site ?? null, filter.teamId ?? null],
  );
  const perAgent = new Map<string, { name: string; bucket: Bucket }>();
  const overall = new Bucket();
  for (const row of rows) {
    const sections = JSON.parse(row.sections_json) as Record<string, number | null>;
    const total = Number(row.total);
    const agentNo = row.agent_no ?? '';
    const entry = perAgent.get(agentNo) ?? { name: row.name ?? '', bucket: new Bucket() };
    entry.bucket.add(total, sections);
    perAgent.set(agentNo, entry);
    overall.add(total, sections);
  }
  const out = [...perAgent.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agentNo, { name, bucket }]) => ({ agentNo, name, ...bucket.toJSON() }));
  return { rows: out, overall: overall.toJSON() };
}
