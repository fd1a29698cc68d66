/**
 * Push items parsed with the shared schemas, but each distinct embedded scorecard validated once per call.
 * Every body carries the whole definition it was scored against (about 85 % of its bytes), and a batch of hundreds
 * of items nearly always carries one or two distinct cards: validating each copy dominated both the client's and
 * the server's time per item. The outcome is the one pushItemSchema gives, item for item.
 */
import { z } from 'zod';
import { evaluationRevisionSchema } from './evaluation';
import { scorecardDefinitionSchema, type ScorecardDefinition } from './scorecard';
import { MAX_PUSH_ITEMS, pushItemSchema, pushRequestSchema, type PushItem, type PushRequest } from './sync';

/** Structural equality of two JSON values, key order ignored (an undefined property counts as absent). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => sameJson(v, other[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // Plain loops: this runs for every pushed item, on cards of a few hundred keys.
  let count = 0;
  for (const k in ra) {
    const v = ra[k];
    if (v === undefined) continue;
    count++;
    if (!Object.hasOwn(rb, k) || !sameJson(v, rb[k])) return false;
  }
  for (const k in rb) if (rb[k] !== undefined) count--;
  return count === 0;
}

/** pushItemSchema with everything but the embedded definition, which is checked apart (and once). */
const itemWithoutCardSchema = z
  .object({
    id: z.uuid(),
    revision: z.number().int().min(1),
    hash: pushItemSchema.shape.hash,
    // Typed as the card so safeExtend keeps the body's refinements; the value is checked apart, in parse().
    body: evaluationRevisionSchema.safeExtend({ scorecardDefinition: z.custom<ScorecardDefinition>(() => true) }),
  })
  .strict()
  .refine((item) => item.body.id === item.id && item.body.revision === item.revision);

export type ItemParse = { success: true; data: PushItem } | { success: false; error: z.ZodError };

export class PushItemParser {
  /**
   * The first card seen for each (id, version) in this call: the raw value as received, and what the schema made
   * of it. A copy that differs from it is validated on its own, uncached, so no input costs more than one check.
   */
  private readonly cards = new Map<string, { raw: unknown; parsed: ScorecardDefinition }>();

  parse(raw: unknown): ItemParse {
    const rest = itemWithoutCardSchema.safeParse(raw);
    if (!rest.success) return pushItemSchema.safeParse(raw) as ItemParse; // the full schema words the error
    const card = (raw as { body: { scorecardDefinition: unknown } }).body.scorecardDefinition;
    const key = `${rest.data.body.scorecardId}@${rest.data.body.scorecardVersion}`;
    const known = this.cards.get(key);
    let parsed = known && sameJson(known.raw, card) ? known.parsed : undefined;
    if (!parsed) {
      const checked = scorecardDefinitionSchema.safeParse(card);
      if (!checked.success) return pushItemSchema.safeParse(raw) as ItemParse;
      parsed = checked.data;
      if (!known) this.cards.set(key, { raw: card, parsed });
    }
    return { success: true, data: { ...rest.data, body: { ...rest.data.body, scorecardDefinition: parsed } } };
  }
}

const envelopeSchema = z.object({ items: z.array(z.unknown()).min(1).max(MAX_PUSH_ITEMS) }).strict();

/** pushRequestSchema.safeParse, the cards checked once; a refusal is the full schema's own, word for word. */
export function parsePushRequest(value: unknown): z.ZodSafeParseResult<PushRequest> {
  const envelope = envelopeSchema.safeParse(value);
  if (envelope.success) {
    const parser = new PushItemParser();
    const items: PushItem[] = [];
    for (const raw of envelope.data.items) {
      const item = parser.parse(raw);
      if (!item.success) break;
      items.push(item.data);
    }
    if (items.length === envelope.data.items.length) return { success: true, data: { items } };
  }
  return pushRequestSchema.safeParse(value);
}
