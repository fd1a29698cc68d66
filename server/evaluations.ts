/**
 * The stored forms of an accepted revision: its canonical JSON (what the hash covers), the pulled body (without the
 * card, which is stored once in scorecards), the call context columns reports group by, and the change JSON that
 * pulls send down as it is. Pure functions; the SQL is in push-store.ts and pull.ts.
 */
import type { ContactChannel } from '../shared/channels';
import { canonicalJson, type EvaluationRevision } from '../shared/evaluation';
import { callDay } from '../shared/report-math';
import type { EvaluationChange } from '../shared/sync';

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * canonicalJson(body) and canonicalJson(body without scorecardDefinition) in one pass. `cardJson`, when given, is
 * the published card's canonical JSON, used instead of serialising a definition known to equal it (the definition
 * is most of the body).
 */
export function bodyJsons(body: EvaluationRevision, cardJson: string | null): { full: string; pulled: string } {
  const all: string[] = [];
  const pulled: string[] = [];
  for (const [k, v] of Object.entries(body).sort(byKey)) {
    if (v === undefined) continue;
    if (k === 'scorecardDefinition') {
      all.push(`"scorecardDefinition":${cardJson ?? canonicalJson(v)}`);
      continue;
    }
    const piece = `${JSON.stringify(k)}:${canonicalJson(v)}`;
    all.push(piece);
    pulled.push(piece);
  }
  return { full: `{${all.join(',')}}`, pulled: `{${pulled.join(',')}}` };
}

/** Where head office files a revision and what its reports read of it. */
export interface RevisionContext {
  callDay: string;
  category: string | null;
  agentName: string | null;
  callTeamId: string | null;
  callTeamName: string | null;
  callSite: string | null;
  /** phone, chat or store: bodies without call.channel are phone calls. */
  channel: ContactChannel;
  /** Effective team and site: the roster's for a known agent, else the call's own. */
  teamId: string | null;
  site: string | null;
}

export interface RosterEntry {
  teamId: string | null;
  site: string | null;
}

export function revisionContext(body: EvaluationRevision, roster: RosterEntry | undefined): RevisionContext {
  const call = body.call;
  const callTeamId = call?.teamId ?? null;
  const callSite = call?.site ?? null;
  return {
    callDay: callDay(call?.startedAt ?? null, body.submittedAt),
    category: call?.category ?? null,
    agentName: call?.agentName ?? null,
    callTeamId,
    callTeamName: call?.teamName ?? null,
    callSite,
    channel: call?.channel ?? 'phone',
    teamId: roster ? roster.teamId : callTeamId,
    site: roster ? roster.site : callSite,
  };
}

const nonAscii = /[\u007f-\uffff]/;
const nonAsciiAll = /[\u007f-\uffff]/g;
const escapeUnit = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The same JSON with every non-ASCII character written as a \uXXXX escape (they can only occur inside strings).
 * Pull pages are built from thousands of these: kept ASCII, V8 holds them one byte per character, and decoding
 * them from the database, joining them and encoding the page for the socket all take its fast paths (a single
 * Chinese name would otherwise make the whole page a two-byte string). About a fifth less CPU per page.
 */
export function asciiJson(json: string): string {
  return nonAscii.test(json) ? json.replace(nonAsciiAll, escapeUnit) : json;
}

/**
 * The pulled change without `kind`, `teamId` and `site` (see migration 002): those three are put in front when a
 * page is built, by pullChangeJson.
 */
export function storedChangeJson(
  item: { id: string; revision: number; hash: string },
  inspector: { id: string; name: string },
  receivedAt: string,
  pulledBodyJson: string,
): string {
  return asciiJson(
    `{"id":${JSON.stringify(item.id)},"revision":${item.revision},"hash":${JSON.stringify(item.hash)},` +
      `"inspectorId":${JSON.stringify(inspector.id)},"inspectorName":${JSON.stringify(inspector.name)},` +
      `"receivedAt":${JSON.stringify(receivedAt)},"body":${pulledBodyJson}}`,
  );
}

/** A complete evaluation change (evaluationChangeSchema) as JSON text, from a stored change and its filing. */
export function pullChangeJson(stored: string, teamId: string | null, site: string | null): string {
  const filing = asciiJson(`"teamId":${JSON.stringify(teamId)},"site":${JSON.stringify(site)}`);
  return `{"kind":"evaluation",${filing},${stored.slice(1)}`;
}

export type { EvaluationChange };
