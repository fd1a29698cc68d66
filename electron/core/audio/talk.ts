import type { TalkOverEvent, TimeSpan } from '../../../shared/recording';

export interface TalkAnalysis {
  talkOver: TalkOverEvent[];
  silences: TimeSpan[];
  talkRatio: { agent: number; customer: number } | null;
  longestAgentMonologueMs: number | null;
}

export interface TalkOptions {
  durationMs: number;
  deadAirMs: number;
  /** Which entry of `speech` is the agent; ignored for mono. */
  agentChannel: number;
  /** Overlaps shorter than this are back-channel ("嗯", "对") rather than talking over someone. */
  minOverlapMs?: number;
  /** Agent pauses shorter than this, with the customer silent, continue a monologue. */
  monologueBridgeMs?: number;
}

/** Merges overlapping or touching spans; input need not be sorted. */
export function union(spans: TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs);
  const out: TimeSpan[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.startMs <= last.endMs) last.endMs = Math.max(last.endMs, s.endMs);
    else out.push({ ...s });
  }
  return out;
}

/** Stretches of [0, duration] with no speech at all lasting longer than `minMs`. */
export function gaps(speech: TimeSpan[], durationMs: number, minMs: number): TimeSpan[] {
  const out: TimeSpan[] = [];
  let cursor = 0;
  for (const s of union(speech)) {
    if (s.startMs - cursor > minMs) out.push({ startMs: cursor, endMs: s.startMs });
    cursor = Math.max(cursor, s.endMs);
  }
  if (durationMs - cursor > minMs) out.push({ startMs: cursor, endMs: durationMs });
  return out;
}

const total = (spans: TimeSpan[]) => spans.reduce((sum, s) => sum + (s.endMs - s.startMs), 0);

/** Both sorted lists of disjoint spans: every overlap, and who spoke last, i.e. who cut in. */
export function talkOver(agent: TimeSpan[], customer: TimeSpan[], minOverlapMs: number): TalkOverEvent[] {
  const out: TalkOverEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < agent.length && j < customer.length) {
    const a = agent[i];
    const c = customer[j];
    const startMs = Math.max(a.startMs, c.startMs);
    const endMs = Math.min(a.endMs, c.endMs);
    if (endMs - startMs >= minOverlapMs) out.push({ startMs, endMs, by: a.startMs > c.startMs ? 'agent' : 'customer' });
    if (a.endMs < c.endMs) i++;
    else j++;
  }
  return out;
}

function longestMonologue(agent: TimeSpan[], customer: TimeSpan[], bridgeMs: number): number {
  const customerSpeaks = (from: number, to: number) => customer.some((c) => c.startMs < to && c.endMs > from);
  let best = 0;
  let runStart = -1;
  let runEnd = -1;
  for (const a of agent) {
    if (runStart >= 0 && a.startMs - runEnd < bridgeMs && !customerSpeaks(runEnd, a.startMs)) runEnd = a.endMs;
    else {
      runStart = a.startMs;
      runEnd = a.endMs;
    }
    best = Math.max(best, runEnd - runStart);
  }
  return best;
}

/**
 * Talk analytics from per-channel speech. Mono recordings cannot tell speakers apart, so only dead air is
 * reported for them; stereo gives talk-over, talk ratio and the agent's longest monologue too.
 */
export function analyseTalk(speech: TimeSpan[][], options: TalkOptions): TalkAnalysis {
  const silences = gaps(speech.flat(), options.durationMs, options.deadAirMs);
  if (speech.length < 2) return { talkOver: [], silences, talkRatio: null, longestAgentMonologueMs: null };
  const agentIndex = options.agentChannel === 1 ? 1 : 0;
  const agent = union(speech[agentIndex]);
  const customer = union(speech[1 - agentIndex]);
  const agentMs = total(agent);
  const customerMs = total(customer);
  const spoken = agentMs + customerMs;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    talkOver: talkOver(agent, customer, options.minOverlapMs ?? 300),
    silences,
    talkRatio:
      spoken > 0 ? { agent: round(agentMs / spoken), customer: round(customerMs / spoken) } : { agent: 0, customer: 0 },
    longestAgentMonologueMs: longestMonologue(agent, customer, options.monologueBridgeMs ?? 2000),
  };
}
