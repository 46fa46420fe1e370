import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { ENCOURAGEMENTS, SITUATIONS, type Encouragement, type Situation } from '../../src/messages/encouragement.js';
import {
  DEFAULT_AVOID_LAST,
  chooseEncouragement,
  encouragementCandidates,
} from '../../src/messages/choose-encouragement.js';

/** The (role, situation) pairs that must each have at least 3 messages. */
const REQUIRED: Record<Role, readonly Situation[]> = {
  recovery: SITUATIONS,
  partner: ['good-day', 'hard-day', 'missed-days', 'milestone', 'low-mood', 'group'],
  supporter: ['good-day', 'hard-day', 'missed-days', 'milestone', 'low-mood', 'group'],
};

const RECOVERY_ONLY_SITUATIONS: readonly Situation[] = ['after-relapse', 'middle-circle'];

function words(list: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

/** Never anywhere: sexual terms. */
const SEXUAL = words([
  'porn\\w*', 'pornography', 'sex', 'sexual\\w*', 'sexy', 'sexting', 'erotic\\w*', 'nude\\w*', 'naked',
  'masturbat\\w*', 'orgasm\\w*', 'lust\\w*', 'arous\\w*', 'explicit', 'xxx', 'nsfw', 'fetish\\w*',
  'hookup\\w*', 'hook-up\\w*', 'prostitut\\w*', 'escort\\w*', 'strip club\\w*', 'intercourse', 'genital\\w*',
]);

/** Never in a group or a discreet (missed-days) message: anything naming the problem. */
const ADDICTION = words([
  'addict\\w*', 'relaps\\w*', 'sober\\w*', 'sobriety', 'recover\\w*', 'acting out', 'act out', 'urges?',
  'crav\\w*', 'compuls\\w*', 'betray\\w*', 'trauma\\w*', 'affairs?', 'infidelity', 'cheat\\w*', 'slip\\w*',
  'circles?', 'middle-circle', 'outer-circle', 'inner-circle', 'sponsors?', 'twelve-step', '12-step', 'saa',
  'triggers?', 'temptation\\w*', 'abstinen\\w*', 'withdrawal', 'shame\\w*',
]);

/** Never anywhere: shaming or preaching. */
const SHAMING = words([
  'failure\\w*', 'failed', 'fail', 'pathetic', 'disgust\\w*', 'disgrace\\w*', 'weak\\w*', 'dirty',
  'worthless', 'should have', "should've", 'you must', 'you have to', 'disappoint\\w*', 'blame\\w*',
  'sinful', 'sinner\\w*', 'ashamed', 'guilty',
]);

/** No religious assumption: prayer and meditation may be offered as options, nothing more. */
const RELIGIOUS = words([
  'god\\w*', 'jesus', 'christ\\w*', 'lord', 'bless\\w*', 'amen', 'scripture\\w*', 'bible\\w*', 'church\\w*',
  'holy', 'heaven\\w*', 'higher power', 'faith\\w*', 'pray(?!er)\\w*', 'sin', 'sins', 'spirit\\w*',
]);

/** No clinical claims; the bot is not a therapist. */
const CLINICAL = words(['cure\\w*', 'diagnos\\w*', 'guarantee\\w*', 'clinically', 'proven', 'treatment plan', 'as your therapist', "i'm a therapist"]);

/** A partner's messages are about their own healing, never about the other person. */
const ABOUT_THE_OTHER = words([
  'relaps\\w*', 'sober\\w*', 'sobriety', 'urges?', 'crav\\w*', 'acting out', 'slip\\w*', 'circles?',
  'monitor\\w*', 'track\\w*', 'spy\\w*', 'phone', 'his', 'him', 'husband', 'wife', 'spouse', 'addict\\w*',
]);

const sentenceCount = (text: string): number => text.split(/[.!?]+(?=\s|$)/u).filter((s) => s.trim() !== '').length;

const pairs = Object.entries(REQUIRED).flatMap(([role, situations]) =>
  situations.map((situation) => ({ role: role as Role, situation })),
);

const tagged = (role: Role, situation: Situation): Encouragement[] =>
  ENCOURAGEMENTS.filter((e) => e.roles.includes(role) && e.situations.includes(situation));

describe('encouragement library', () => {
  it('holds at least 70 messages', () => {
    expect(ENCOURAGEMENTS.length).toBeGreaterThanOrEqual(70);
  });

  it('has unique, stable-looking slug ids', () => {
    const ids = ENCOURAGEMENTS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(?:-[a-z0-9]+)+$/);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(32);
  });

  it('has unique texts', () => {
    const texts = ENCOURAGEMENTS.map((e) => e.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('tags every message with known roles and situations, at least one of each', () => {
    for (const e of ENCOURAGEMENTS) {
      expect(e.roles.length, e.id).toBeGreaterThan(0);
      expect(e.situations.length, e.id).toBeGreaterThan(0);
      for (const r of e.roles) expect(ROLES, e.id).toContain(r);
      for (const s of e.situations) expect(SITUATIONS, e.id).toContain(s);
    }
  });

  it.each(pairs)('has at least 3 messages for $role × $situation', ({ role, situation }) => {
    expect(tagged(role, situation).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps relapse and middle-circle messages for people in recovery only', () => {
    for (const e of ENCOURAGEMENTS) {
      if (e.situations.some((s) => RECOVERY_ONLY_SITUATIONS.includes(s))) {
        expect(e.roles, e.id).toEqual(['recovery']);
      }
    }
  });

  it('writes short plain-text messages of 1 to 3 sentences', () => {
    for (const e of ENCOURAGEMENTS) {
      const n = sentenceCount(e.text);
      expect(n, e.id).toBeGreaterThanOrEqual(1);
      expect(n, e.id).toBeLessThanOrEqual(3);
      expect(e.text.length, e.id).toBeLessThanOrEqual(200);
      expect(e.text, e.id).toBe(e.text.trim());
      expect(e.text, e.id).toMatch(/[.!?]$/);
      // No markdown or mentions: adapters may embed these in formatted messages.
      expect(e.text, e.id).not.toMatch(/[@*_`<>#[\]|~\\]/);
      expect(e.text, e.id).not.toMatch(/https?:/);
    }
  });

  it('contains no sexual term anywhere', () => {
    for (const e of ENCOURAGEMENTS) expect(e.text, e.id).not.toMatch(SEXUAL);
  });

  it('catches the banned words it claims to (sanity check of the word lists)', () => {
    expect('no more PORN').toMatch(SEXUAL);
    expect('Pornography').toMatch(SEXUAL);
    expect('sex').toMatch(SEXUAL);
    expect('Essex and Sussex').not.toMatch(SEXUAL);
    expect('after a relapse').toMatch(ADDICTION);
    expect('since the last sin').toMatch(RELIGIOUS);
    expect('a single text').not.toMatch(RELIGIOUS);
    expect('prayer or meditation').not.toMatch(RELIGIOUS);
    expect('you must try').toMatch(SHAMING);
  });

  it('never shames, preaches, assumes a religion or makes clinical claims', () => {
    for (const e of ENCOURAGEMENTS) {
      expect(e.text, e.id).not.toMatch(SHAMING);
      expect(e.text, e.id).not.toMatch(RELIGIOUS);
      expect(e.text, e.id).not.toMatch(CLINICAL);
    }
  });

  it('keeps group messages free of any addiction term and of personal details', () => {
    const group = ENCOURAGEMENTS.filter((e) => e.situations.includes('group'));
    expect(group.length).toBeGreaterThanOrEqual(3);
    for (const e of group) {
      expect(e.text, e.id).not.toMatch(ADDICTION);
      expect(e.text, e.id).not.toMatch(SEXUAL);
      expect(e.text, e.id).not.toMatch(/[@\d]/);
      // Suitable for everyone in a shared channel.
      expect([...e.roles].sort(), e.id).toEqual([...ROLES].sort());
      // Only for groups: a group message is not also a private message.
      expect(e.situations, e.id).toEqual(['group']);
    }
  });

  it('keeps missed-days messages discreet (they may open a bot-started message)', () => {
    for (const e of ENCOURAGEMENTS.filter((m) => m.situations.includes('missed-days'))) {
      expect(e.text, e.id).not.toMatch(ADDICTION);
    }
  });

  it("keeps partners' messages about their own healing", () => {
    for (const e of ENCOURAGEMENTS.filter((m) => m.roles.includes('partner'))) {
      expect(e.text, e.id).not.toMatch(ABOUT_THE_OTHER);
    }
  });

  it('meets a relapse with compassion and a next step', () => {
    const relapse = tagged('recovery', 'after-relapse');
    const all = relapse.map((e) => e.text.toLowerCase()).join(' ');
    expect(all).toContain('progress, not perfection');
    expect(all).toMatch(/still count/);
    expect(all).toMatch(/longest/);
    expect(all).toMatch(/total/);
    expect(all).toMatch(/next/);
  });
});

describe('chooseEncouragement', () => {
  const roleArb = fc.constantFrom(...ROLES);
  const situationArb = fc.constantFrom(...SITUATIONS);
  const ids = ENCOURAGEMENTS.map((e) => e.id);

  /** A `random` that replays the given numbers, then zeros. */
  const replay = (values: readonly number[]): (() => number) => {
    let i = 0;
    return () => values[i++] ?? 0;
  };

  it('returns a message tagged with the role and situation when there is one', () => {
    for (const { role, situation } of pairs) {
      for (const r of [0, 0.3, 0.7, 0.999999]) {
        const e = chooseEncouragement({ role, situation, recentlySeen: [], random: () => r });
        expect(e.roles).toContain(role);
        expect(e.situations).toContain(situation);
      }
    }
  });

  it('never repeats within the last N picks while an unseen candidate exists (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ role: roleArb, situation: situationArb, r: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.integer({ min: 0, max: 25 }),
        fc.array(fc.constantFrom(...ids), { maxLength: 30 }),
        (steps, n, initial) => {
          let seen: string[] = [...initial];
          for (const step of steps) {
            const candidates = encouragementCandidates(step.role, step.situation);
            const window = new Set(seen.slice(0, n));
            const pick = chooseEncouragement({
              role: step.role,
              situation: step.situation,
              recentlySeen: seen,
              random: () => step.r,
              avoidLast: n,
            });
            expect(candidates).toContain(pick);
            if (candidates.some((c) => !window.has(c.id))) {
              expect(window.has(pick.id)).toBe(false);
            } else {
              // All seen recently: the least recently seen one.
              const pos = (id: string): number => seen.indexOf(id);
              const oldest = Math.max(...candidates.map((c) => pos(c.id)));
              expect(pos(pick.id)).toBe(oldest);
            }
            seen = [pick.id, ...seen];
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cycles through every candidate of one pair before repeating (default window)', () => {
    fc.assert(
      fc.property(
        roleArb,
        situationArb,
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 60, maxLength: 60 }),
        (role, situation, rs) => {
          const k = encouragementCandidates(role, situation).length;
          const run = Math.min(k, DEFAULT_AVOID_LAST + 1);
          const seen: string[] = [];
          const random = replay(rs);
          for (let i = 0; i < 60; i += 1) {
            const pick = chooseEncouragement({ role, situation, recentlySeen: seen, random });
            seen.unshift(pick.id);
          }
          for (let i = 0; i + run <= seen.length; i += 1) {
            expect(new Set(seen.slice(i, i + run)).size).toBe(run);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('returns the least recently seen message when all candidates were seen recently', () => {
    const candidates = encouragementCandidates('partner', 'missed-days').map((c) => c.id);
    expect(candidates.length).toBeLessThan(DEFAULT_AVOID_LAST);
    const recentlySeen = ['grp-01', ...candidates, 'rec-good-01'];
    const pick = chooseEncouragement({ role: 'partner', situation: 'missed-days', recentlySeen, random: () => 0 });
    expect(pick.id).toBe(candidates[candidates.length - 1]);
  });

  it('prefers never-seen messages over ones seen longer ago', () => {
    const candidates = encouragementCandidates('recovery', 'good-day').map((c) => c.id);
    const [keep, ...rest] = candidates;
    // Everything but `keep` seen, all outside a window of 1.
    const recentlySeen = ['grp-02', ...rest];
    for (const r of [0, 0.5, 0.99]) {
      const pick = chooseEncouragement({ role: 'recovery', situation: 'good-day', recentlySeen, random: () => r, avoidLast: 1 });
      expect(pick.id).toBe(keep);
    }
  });

  it('is deterministic given random', () => {
    fc.assert(
      fc.property(roleArb, situationArb, fc.array(fc.constantFrom(...ids), { maxLength: 20 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (role, situation, seen, r) => {
        const a = chooseEncouragement({ role, situation, recentlySeen: seen, random: () => r });
        const b = chooseEncouragement({ role, situation, recentlySeen: seen, random: () => r });
        expect(a).toBe(b);
      }),
    );
  });

  it('survives a misbehaving random and odd avoidLast values', () => {
    for (const r of [1, 5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = chooseEncouragement({ role: 'recovery', situation: 'hard-day', recentlySeen: [], random: () => r });
      expect(e.situations).toContain('hard-day');
    }
    for (const avoidLast of [-3, 0, 2.7, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = chooseEncouragement({ role: 'supporter', situation: 'good-day', recentlySeen: ['sup-good-01'], random: () => 0, avoidLast });
      expect(e.roles).toContain('supporter');
    }
  });

  it('never gives a partner or supporter a message not tagged for them (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Role>('partner', 'supporter'),
        situationArb,
        fc.array(fc.constantFrom(...ids), { maxLength: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 30 }),
        (role, situation, seen, r, avoidLast) => {
          const e = chooseEncouragement({ role, situation, recentlySeen: seen, random: () => r, avoidLast });
          expect(e.roles).toContain(role);
          expect(e.situations.some((s) => RECOVERY_ONLY_SITUATIONS.includes(s))).toBe(false);
          if (role === 'partner') expect(e.text).not.toMatch(ABOUT_THE_OTHER);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('falls back within the role: a partner after a relapse gets their own hard-day messages', () => {
    for (const role of ['partner', 'supporter'] as const) {
      for (const situation of RECOVERY_ONLY_SITUATIONS) {
        const candidates = encouragementCandidates(role, situation);
        expect(candidates.length).toBeGreaterThan(0);
        for (const c of candidates) {
          expect(c.roles).toContain(role);
          expect(c.situations).toContain('hard-day');
        }
      }
    }
  });

  it('gives group situations only group messages', () => {
    for (const role of ROLES) {
      for (const c of encouragementCandidates(role, 'group')) expect(c.situations).toEqual(['group']);
    }
  });

  it('falls back to good-day, then group, when a situation is empty for a role', () => {
    const library: Encouragement[] = [
      { id: 'x-good-01', roles: ['supporter'], situations: ['good-day'], text: 'Good.' },
      { id: 'x-grp-01', roles: ['recovery', 'partner', 'supporter'], situations: ['group'], text: 'Together.' },
    ];
    expect(encouragementCandidates('supporter', 'milestone', library).map((e) => e.id)).toEqual(['x-good-01']);
    expect(encouragementCandidates('partner', 'milestone', library).map((e) => e.id)).toEqual(['x-grp-01']);
    expect(encouragementCandidates('partner', 'after-relapse', library).map((e) => e.id)).toEqual(['x-grp-01']);
  });
});
