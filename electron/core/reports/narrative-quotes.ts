/**
 * What a lead quotes in the narrative: the inspectors' comments on the team's evaluations of the month (item
 * comments under their item and section, and each evaluation's overall comment), read from the revision bodies the
 * reports hold, each with the evaluation it came from so the quote opens it.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { PulledRevision } from '../../../shared/evaluation';
import type { QuoteCandidate } from '../../../shared/narrative';
import { lastDay } from '../../../shared/report';
import type { CardInfo } from './contribution';

interface FactRow {
  evaluation_id: string;
  source: 'own' | 'pulled';
  revision: number;
  day: string;
  agent_no: string;
  agent_name: string;
  card_key: number;
}

/** Enough for any team's month (10 calls per agent); a head-office team of hundreds still fits. */
const maxEvaluations = 2000;

export class QuoteReader {
  private readonly s;

  constructor(
    db: Database,
    private readonly cardByKey: (key: number) => CardInfo,
  ) {
    this.s = {
      facts: db.prepare<[{ from: string; to: string; team: string; limit: number }], FactRow>(
        `SELECT evaluation_id, source, revision, day, agent_no, agent_name, card_key FROM report_facts
          WHERE day BETWEEN @from AND @to AND team_id = @team ORDER BY day, agent_no, evaluation_id LIMIT @limit`,
      ),
      own: db.prepare<[string, number], { json: string }>(
        'SELECT body_json AS json FROM evaluation_revisions WHERE evaluation_id = ? AND revision = ?',
      ),
      pulled: db.prepare<[string], { json: string }>('SELECT body_json AS json FROM pulled_evaluations WHERE id = ?'),
      names: db.prepare<[string], { name: string }>("SELECT name FROM agents WHERE agent_no = ? AND name <> ''"),
    } satisfies Record<string, Statement>;
  }

  quotes(team: string, month: string): QuoteCandidate[] {
    const out: QuoteCandidate[] = [];
    const facts = this.s.facts.all({ from: `${month}-01`, to: lastDay(month), team, limit: maxEvaluations });
    for (const f of facts) {
      const row = f.source === 'own' ? this.s.own.get(f.evaluation_id, f.revision) : this.s.pulled.get(f.evaluation_id);
      if (!row) continue;
      const body = JSON.parse(row.json) as Pick<PulledRevision, 'itemComments' | 'comment'>;
      const card = this.cardByKey(f.card_key);
      const agentName = this.s.names.get(f.agent_no)?.name ?? (f.agent_name || f.agent_no);
      const base = { evaluationId: f.evaluation_id, agentNo: f.agent_no, agentName, day: f.day };
      for (const section of card.definition.sections) {
        for (const item of section.items) {
          const text = body.itemComments[item.id]?.trim();
          if (!text) continue;
          out.push({
            ...base,
            itemId: item.id,
            itemName: item.name,
            sectionId: section.id,
            sectionName: section.name,
            text,
          });
        }
      }
      const comment = body.comment.trim().slice(0, 2000);
      if (comment) out.push({ ...base, itemId: null, itemName: '', sectionId: null, sectionName: '', text: comment });
    }
    return out;
  }
}
