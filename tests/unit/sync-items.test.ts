import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/evaluation';
import { pushItemSchema, pushRequestSchema } from '../../shared/sync';
import { parsePushRequest, PushItemParser, sameJson } from '../../shared/sync-items';
import { seededRandom } from '../support/fault-proxy';
import { defaultCard, openClient, submitRevision } from '../support/sync-client';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-sync-items-');
const client = openClient(temp.dir);
afterAll(() => {
  client.close();
  temp.cleanup();
});

const card = defaultCard();
const random = seededRandom(7);
/** A well-formed push item as the wire carries it (a fresh JSON copy, like a parsed request). */
function wireItem(): unknown {
  const { id, revision, hash, body } = submitRevision(client.db, card, random);
  return JSON.parse(JSON.stringify({ id, revision, hash, body }));
}

describe('sameJson', () => {
  it('agrees with comparing canonical JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        const shuffled = JSON.parse(JSON.stringify(a)) as unknown;
        expect(sameJson(a, shuffled)).toBe(true);
      }),
    );
  });

  it('ignores key order and undefined properties, not missing or extra keys', () => {
    expect(sameJson({ a: 1, b: [1, { c: '质检' }] }, { b: [1, { c: '质检' }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson({ a: undefined, b: 1 }, { c: undefined, b: 1 })).toBe(true);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});

describe('PushItemParser', () => {
  it('gives what pushItemSchema gives, validating a repeated card once', () => {
    const parser = new PushItemParser();
    const items = [wireItem(), wireItem(), wireItem()];
    const parsed = items.map((item) => parser.parse(item));
    parsed.forEach((result, i) => {
      expect(result.success).toBe(true);
      expect(result.success && result.data).toEqual(pushItemSchema.parse(items[i]));
    });
    const [a, b] = parsed.map((r) => (r.success ? r.data.body.scorecardDefinition : null));
    expect(a).toBe(b); // one validated copy, shared
  });

  it('checks a different card under the same id and version on its own, and refuses it like the schema', () => {
    const parser = new PushItemParser();
    expect(parser.parse(wireItem()).success).toBe(true);
    const bad = wireItem() as { body: { scorecardDefinition: { sections: unknown } } };
    bad.body.scorecardDefinition.sections = 'none';
    const result = parser.parse(bad);
    expect(result.success).toBe(false);
    expect(!result.success && result.error.issues).toEqual(pushItemSchema.safeParse(bad).error!.issues);
    const mismatch = wireItem() as { id: string };
    mismatch.id = '00000000-0000-4000-8000-000000000000';
    expect(parser.parse(mismatch).success).toBe(false);
  });
});

describe('parsePushRequest', () => {
  it('accepts what pushRequestSchema accepts and refuses with the same issues', () => {
    const good = { items: [wireItem(), wireItem()] };
    expect(parsePushRequest(good)).toEqual(pushRequestSchema.safeParse(good));
    const bad = { items: [wireItem(), { ...(wireItem() as object), hash: 'x' }] };
    const result = parsePushRequest(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual(pushRequestSchema.safeParse(bad).error!.issues);
    expect(parsePushRequest({ items: [] }).success).toBe(false);
    expect(parsePushRequest({ items: [wireItem()], extra: 1 }).success).toBe(false);
  });
});
