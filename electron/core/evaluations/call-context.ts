/**
 * The call as it is in this library right now, in the shape a revision carries (shared/evaluation.ts
 * callContextSchema): what the submit path freezes into each revision, and what reports fall back to for revisions
 * written before bodies carried their call.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ContactChannel } from '../../../shared/channels';
import type { CallContext } from '../../../shared/evaluation';

interface Row {
  sha256: string;
  fileName: string;
  callId: string | null;
  startedAt: string | null;
  category: string | null;
  agentName: string | null;
  teamId: string | null;
  teamName: string | null;
  site: string | null;
  durationMs: number;
  talkOverJson: string | null;
  talkOverCount: number | null;
  agentTalkOverCount: number | null;
  deadAirMs: number | null;
  ratio: number | null;
  channel: ContactChannel;
  storeName: string | null;
  visitor: string | null;
}

const clip = (value: string | null, max: number): string | null => (value === null ? null : value.slice(0, max));

export class CallContextReader {
  private readonly stmt: Statement<[{ recordingId: string; agentNo: string | null }], Row>;

  constructor(db: Database) {
    // The agent is the evaluation's (it may differ from the recording's once corrected); team and site are the
    // agent's as the roster has them now, which is what "as it was when scored" means at the moment of submit.
    this.stmt = db.prepare(
      `SELECT r.sha256, r.file_name AS fileName, r.call_id AS callId, r.started_at AS startedAt, r.category,
              NULLIF(a.name, '') AS agentName, a.team_id AS teamId, t.name AS teamName,
              COALESCE(a.site, t.site) AS site, r.duration_ms AS durationMs,
              an.talk_over_json AS talkOverJson, an.talk_over_count AS talkOverCount,
              an.agent_talk_over_count AS agentTalkOverCount, an.dead_air_ms AS deadAirMs, an.talk_ratio_agent AS ratio,
              r.channel, sv.store_name AS storeName, sv.visitor
         FROM recordings r
         LEFT JOIN store_visits sv ON sv.recording_id = r.id
         LEFT JOIN agents a ON a.agent_no = COALESCE(@agentNo, r.agent_no)
         LEFT JOIN teams t ON t.id = a.team_id
         LEFT JOIN recording_analysis an ON an.recording_id = r.id
        WHERE r.id = @recordingId`,
    );
  }

  /** null when the recording is not in this library. */
  forRecording(recordingId: string, agentNo: string | null): CallContext | null {
    const r = this.stmt.get({ recordingId, agentNo });
    if (!r) return null;
    let talkOverMs = 0;
    if (r.talkOverJson) {
      for (const e of JSON.parse(r.talkOverJson) as { startMs: number; endMs: number }[])
        talkOverMs += e.endMs - e.startMs;
    }
    return {
      // A visit's sha256 only stands in for a file it does not have.
      recordingSha256: r.channel !== 'store' && /^[0-9a-f]{64}$/.test(r.sha256) ? r.sha256 : null,
      fileName: r.fileName.slice(0, 500),
      callId: clip(r.callId, 200),
      startedAt: r.startedAt,
      category: clip(r.category, 100),
      agentName: clip(r.agentName, 200),
      teamId: clip(r.teamId, 100),
      teamName: clip(r.teamName, 200),
      site: clip(r.site, 200),
      durationMs: r.durationMs,
      talk:
        r.talkOverCount === null
          ? null
          : {
              talkOverCount: r.talkOverCount,
              agentTalkOverCount: r.agentTalkOverCount ?? 0,
              talkOverSeconds: Math.round(talkOverMs / 100) / 10,
              deadAirSeconds: Math.round((r.deadAirMs ?? 0) / 100) / 10,
              talkRatioAgent: r.ratio === null ? null : Math.round(r.ratio * 1000) / 1000,
            },
      ...(r.channel === 'phone' ? {} : { channel: r.channel }),
      ...(r.storeName !== null
        ? { visit: { storeName: r.storeName.slice(0, 200), visitor: clip(r.visitor, 100)! } }
        : {}),
    };
  }
}
