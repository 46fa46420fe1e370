// The roll call never lets anyone infer whether a member who chose not to be named checked in:
// every mix of named and unnamed, checked in and missed, for groups of up to seven, read by an
// outsider and by each member (who knows their own answer).
import { describe, expect, it } from 'vitest';
import { rollCall, type RollCallMember } from '../../src/domain/roll-call.js';
import { rollCallText } from '../../src/messages/scheduled.js';

/** Every group of `size` members: each named or not, each checked in or not. */
function* groups(size: number): Generator<RollCallMember[]> {
  for (let named = 0; named < 1 << size; named += 1) {
    for (let inMask = 0; inMask < 1 << size; inMask += 1) {
      yield Array.from({ length: size }, (_, i) => ({ name: `M${i}`, named: (named >> i & 1) === 1, checkedIn: (inMask >> i & 1) === 1 }));
    }
  }
}

describe('the roll call', () => {
  it('for every mix, never settles whether an unnamed member checked in, for any reader', () => {
    for (let size = 1; size <= 7; size += 1) {
      // What each reader sees: the text, who is named (assume everyone knows), and their own answer.
      const worlds = [...groups(size)].map((members) => ({ members, text: rollCallText(rollCall(members)) }));
      const byView = new Map<string, boolean[][]>();
      for (const w of worlds) {
        const named = w.members.map((m) => (m.named ? 'n' : 'u')).join('');
        for (let reader = -1; reader < size; reader += 1) {
          const own = reader < 0 ? 'outsider' : `${reader}:${w.members[reader]!.checkedIn}`;
          const key = `${named}|${own}|${w.text}`;
          byView.set(key, [...(byView.get(key) ?? []), w.members.map((m) => m.checkedIn)]);
        }
      }
      for (const [key, possible] of byView) {
        const [named, own] = key.split('|') as [string, string];
        const reader = own === 'outsider' ? -1 : Number(own.split(':')[0]);
        for (let i = 0; i < size; i += 1) {
          if (named[i] !== 'u' || i === reader) continue;
          const answers = new Set(possible.map((p) => p[i]));
          expect(answers.size, `size ${size}, named ${named}, reader ${own}: member ${i} is settled by "${key.split('|')[2]}"`).toBe(2);
        }
      }
    }
  });

  it('names only those who agreed and checked in, and says nothing of who missed', () => {
    const r = rollCall([
      { name: 'Ann', named: true, checkedIn: true },
      { name: 'Ben', named: true, checkedIn: false },
      { name: 'Cy', named: false, checkedIn: true },
    ]);
    expect(r).toEqual({ names: ['Ann'], count: null });
    expect(rollCallText(r)).toBe('Roll call: Ann checked in today.\nEvery check-in counts, and tomorrow is a new day.');
  });

  it('shows a count only when at least two unnamed members checked in and two did not', () => {
    const unnamed = (checkedIn: boolean[]) => checkedIn.map((c, i) => ({ name: `U${i}`, named: false, checkedIn: c }));
    expect(rollCall(unnamed([true, true, false, false])).count).toBe(2);
    expect(rollCall([{ name: 'Ann', named: true, checkedIn: true }, ...unnamed([true, true, false, false, false])]))
      .toEqual({ names: ['Ann'], count: 3 });
    for (const mix of [[true, true, true, false], [true, false, false, false], [true, true, false], [true, true, true, true]]) {
      expect(rollCall(unnamed(mix)).count, String(mix)).toBeNull();
    }
    expect(rollCallText(rollCall(unnamed([true, true, false, false])))).toMatch(/^Roll call: 2 members checked in today\./);
    expect(rollCallText(rollCall(unnamed([true, false])))).toMatch(/^Roll call: well done to everyone who checked in today\./);
  });

  it('opens with a line that names no addiction, relapse or missed day', () => {
    for (const members of groups(3)) expect(rollCallText(rollCall(members)).split('\n')[0]).not.toMatch(/relapse|sober|sex|porn|addict|miss/i);
  });
});
