import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api';
import { joinDisjoint } from '../../shared/contracts/define';

describe('joining contracts and handlers', () => {
  it('refuses a method declared twice instead of letting the second replace the first', () => {
    const a = { 'reports.options': 1, 'sync.now': 2 };
    const b = { 'sync.now': 3 };
    expect(() => joinDisjoint(a, b)).toThrow('"sync.now" is declared twice.');
    expect(joinDisjoint(a, { 'sync.status': 4 })).toEqual({ 'reports.options': 1, 'sync.now': 2, 'sync.status': 4 });
  });

  it('holds every domain’s methods', () => {
    for (const name of ['reports.siteRanking', 'sync.resend', 'evaluations.submit', 'recordings.import']) {
      expect(Object.keys(contract)).toContain(name);
    }
  });
});
