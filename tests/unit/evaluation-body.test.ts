import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildEvaluationRevision,
  canonicalJson,
  evaluationRevisionHash,
  evaluationRevisionSchema,
  verifyEvaluationRevision,
} from '../../shared/evaluation';
import { sha256Hex } from '../../shared/sha256';
import { cardWithAnswers } from '../support/scorecard-arb';

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256Hex (pure TypeScript)', () => {
  it('matches the FIPS test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches node:crypto for any string, including Chinese, emoji and lone surrogates, at block edges', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(sha256Hex(s)).toBe(nodeSha(s));
      }),
      { numRuns: 500 },
    );
    for (let n = 50; n < 70; n++) expect(sha256Hex('质'.repeat(n))).toBe(nodeSha('质'.repeat(n)));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and ignores insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: '质检' } })).toBe(
      '{"a":{"c":"质检","d":[2,{"y":null,"z":1}]},"b":1}',
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
});

describe('evaluation revision body', () => {
  const base = (
    def: Parameters<typeof buildEvaluationRevision>[0]['scorecardDefinition'],
    answers: Record<string, never>,
  ) => ({
    id: randomUUID(),
    revision: 1,
    recordingId: 'rec-1',
    agentNo: '1001',
    scorecardId: 'card',
    scorecardVersion: 1,
    scorecardDefinition: def,
    answers,
    itemComments: {},
    comment: '',
    findings: ['抢话'],
    suggestion: '',
    reason: null,
    inspectorId: null,
    submittedAt: '2025-03-01T08:00:00.000Z',
  });

  it('a built body verifies, round-trips through JSON with the same hash, and a tampered total is caught', () => {
    fc.assert(
      fc.property(cardWithAnswers(), ({ def, answers }) => {
        const body = buildEvaluationRevision(base(def, answers as Record<string, never>));
        expect(verifyEvaluationRevision(body)).toEqual([]);
        const again = evaluationRevisionSchema.parse(JSON.parse(JSON.stringify(body)));
        expect(evaluationRevisionHash(again)).toBe(evaluationRevisionHash(body));
        const tampered = { ...body, total: body.total === 100 ? 99 : Math.min(100, body.total + 0.01) };
        expect(verifyEvaluationRevision(tampered).join(' ')).toMatch(/Total/);
        expect(evaluationRevisionHash(tampered)).not.toBe(evaluationRevisionHash(body));
      }),
      { numRuns: 100 },
    );
  });

  it('revision 2 needs a reason and revision 1 must not have one', () => {
    fc.assert(
      fc.property(cardWithAnswers(), ({ def, answers }) => {
        const body = buildEvaluationRevision(base(def, answers as Record<string, never>));
        expect(evaluationRevisionSchema.safeParse({ ...body, revision: 2 }).success).toBe(false);
        expect(evaluationRevisionSchema.safeParse({ ...body, revision: 2, reason: '复核' }).success).toBe(true);
        expect(evaluationRevisionSchema.safeParse({ ...body, reason: '复核' }).success).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it('refuses to build a body from incomplete answers', () => {
    fc.assert(
      fc.property(cardWithAnswers(), ({ def, answers }) => {
        const [first] = Object.keys(answers);
        const partial = Object.fromEntries(Object.entries(answers).filter(([k]) => k !== first));
        expect(() => buildEvaluationRevision(base(def, partial as Record<string, never>))).toThrow(/Unanswered/);
      }),
      { numRuns: 20 },
    );
  });
});
