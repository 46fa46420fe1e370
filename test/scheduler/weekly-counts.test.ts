// The weekly counts, for people who joined on every day of the week: the Sunday summary, the
// coach's summary and /progress say the same numbers, count only days that have ended (and
// today once checked in), and leave out weekdays without a prompt. Europe/Berlin, UTC+1.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';
import { InProcessPlatform } from '../helpers/in-process-platform.js';
import { addLink, personIdOf } from './simulation.js';

let bot: TestBot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

const DAYS = ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15'];
const NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

interface Plan {
  name: string;
  joined: number;
  /** Day indexes (0 = Monday) with a check-in; Sunday's, when there is one, comes before the 18:00 summary. */
  checkins: number[];
  weekdaysOnly: boolean;
}

function plans(): Plan[] {
  const out: Plan[] = NAMES.map((name, joined) => {
    // Each misses the day after joining (when there is one), and half of them check in on Sunday before the summary.
    const checkins = [];
    for (let d = joined; d < 7; d += 1) if (d !== joined + 1 && (d < 6 || joined % 2 === 0)) checkins.push(d);
    return { name, joined, checkins, weekdaysOnly: false };
  });
  // Prompted Monday to Friday only, and checked in on Saturday anyway.
  out.push({ name: 'workweek', joined: 0, checkins: [0, 1, 3, 5], weekdaysOnly: true });
  return out;
}

/** The days that count, by the rule, computed here without the code under test. */
function expected(p: Plan): { checkedIn: number; days: number } {
  let days = 0;
  for (let d = p.joined; d < 7; d += 1) {
    const checked = p.checkins.includes(d);
    const prompted = !p.weekdaysOnly || d < 5;
    // Sunday is still open at 18:00: it counts only with its check-in.
    if (checked || (d < 6 && prompted)) days += 1;
  }
  return { checkedIn: p.checkins.length, days };
}

describe('weekly counts', () => {
  it('for someone who joined on each day of the week, the summary, the coach and /progress agree, and Sunday is never missed before it ends', async () => {
    const fake = new InProcessPlatform();
    bot = await createTestBot({ at: '2026-03-09T07:00:00Z', ports: [fake] });
    await bot.onboard('cora', 'supporter', 'Europe/Berlin');
    const cora = await personIdOf(bot.db, 'cora');
    const all = plans();
    const step = async (at: string) => {
      bot!.clock.set(new Date(at));
      await bot!.core.tick();
      await bot!.core.dispatcher.flush();
    };
    for (let d = 0; d < 7; d += 1) {
      await step(`${DAYS[d]}T08:00:00Z`);
      for (const p of all.filter((x) => x.joined === d)) {
        await bot.onboard(p.name, 'recovery', 'Europe/Berlin');
        if (p.weekdaysOnly) await bot.say(p.name, '/schedule 20:00 days:weekdays');
        await addLink(bot.db, await personIdOf(bot.db, p.name), cora, { relation: 'coach' });
      }
      await step(`${DAYS[d]}T11:00:00Z`);
      for (const p of all.filter((x) => x.checkins.includes(d))) await bot.say(p.name, '/checkin sober mood:4');
      if (d === 6) await step(`${DAYS[d]}T17:00:00Z`);
      await step(`${DAYS[d]}T19:00:00Z`);
    }

    for (const p of all) {
      const want = expected(p);
      const own = fake.deliveredTo(`test:${p.name}`, 'summary');
      expect(own.map((c) => c.text.split('\n')[1]), p.name).toEqual([`Check-ins this week: ${want.checkedIn} of ${want.days}.`]);
      const coach = fake.deliveredTo('test:cora', 'summary').filter((c) => c.text.startsWith(`Weekly summary for ${p.name}.`));
      expect(coach.map((c) => c.text.split('\n').at(-1)), p.name).toEqual([`Days without a check-in: ${want.days - want.checkedIn}.`]);
      // /progress, asked right after, counts the same days.
      bot.clock.set(new Date('2026-03-15T17:30:00Z'));
      const progress = await bot.say(p.name, '/progress');
      expect(progress, p.name).toContain(`Since you joined (${want.days} day${want.days === 1 ? '' : 's'}): checked in on ${want.checkedIn} (`);
    }
  });
});
