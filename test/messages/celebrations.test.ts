// Each milestone has words of its own, from the project's library: no two sobriety milestones
// or streak lengths share a text, a counter that started again is met with words for starting
// again, and the headline (a lock screen's second line) is a count and nothing more.
import { describe, expect, it } from 'vitest';
import { sobrietyMilestonesUpTo, STREAK_MILESTONES } from '../../src/domain/milestones.js';
import { sobrietyCelebration, streakCelebration } from '../../src/messages/celebrations.js';
import { indiscreetTermsIn } from '../scheduler/simulation.js';

const SOBRIETY = sobrietyMilestonesUpTo(5 * 365);

describe('celebrations', () => {
  it('every sobriety milestone, restarted or not, and every streak length has its own text', () => {
    const all = [
      ...SOBRIETY.map((d) => sobrietyCelebration(d, false).body),
      ...SOBRIETY.filter((d) => d <= 7).map((d) => sobrietyCelebration(d, true).body),
      ...STREAK_MILESTONES.map((d) => streakCelebration(d).body),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('has headlines that are counts only, fit for a lock screen', () => {
    for (const d of SOBRIETY) {
      for (const again of [false, true]) {
        const c = sobrietyCelebration(d, again);
        expect(indiscreetTermsIn(c.headline)).toEqual([]);
        expect(c.headline).toMatch(/^\d+ (days?|years?) today\.$/);
      }
    }
    for (const d of STREAK_MILESTONES) expect(streakCelebration(d).headline).toBe(`${d} check-ins in a row.`);
  });

  it('meets a restarted counter with words for starting again, and never with shame', () => {
    for (const d of [1, 3, 7]) {
      expect(sobrietyCelebration(d, true).body).not.toBe(sobrietyCelebration(d, false).body);
      expect(sobrietyCelebration(d, true).body).toMatch(/again/);
    }
    for (const d of SOBRIETY) expect(sobrietyCelebration(d, true).body).not.toMatch(/shame|fail|porn|sex/i);
  });
});
