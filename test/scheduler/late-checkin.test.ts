// A check-in just after midnight, when yesterday's deadline has not passed: the person may
// have meant yesterday. They are offered the choice; choosing it spares them (and their
// sponsor) a "missed" alert for a day they did check in.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/core-harness.js';
import { InProcessPlatform } from '../helpers/in-process-platform.js';
import { addLink, personIdOf, simulate } from './simulation.js';

let bot: TestBot | null = null;
afterEach(async () => { await bot?.close(); bot = null; });

async function world() {
  const fake = new InProcessPlatform();
  bot = await createTestBot({ at: '2026-03-10T12:00:00Z', ports: [fake] });
  await bot.onboard('ana', 'recovery', 'Europe/Berlin');
  await bot.onboard('sam', 'supporter', 'Europe/Berlin');
  await bot.say('sam', '/schedule off');
  await addLink(bot.db, await personIdOf(bot.db, 'ana'), await personIdOf(bot.db, 'sam'));
  return { b: bot, fake };
}

describe('a check-in just after midnight', () => {
  it('is offered for yesterday, and counted there spares a missed-check-in alert', async () => {
    const { b, fake } = await world();
    await simulate(b, '2026-03-10T23:15:00Z'); // 00:15 Wednesday in Berlin: Tuesday's prompt went, no check-in
    const answer = await b.say('ana', '/checkin sober mood:4');
    expect(answer).toContain('Checked in for Wed 11 Mar');
    expect(answer).toContain('If this was meant for yesterday (Tue 10 Mar)');
    expect(await b.say('ana', '/checkin yesterday')).toContain('now counts for Tue 10 Mar');

    await simulate(b, '2026-03-11T12:00:00Z'); // past Tuesday's grace deadline (08:00)
    expect(fake.deliveredTo('test:sam', 'alert')).toEqual([]);
    const exported = await b.exported('ana') as { checkins: { local_date: string }[] };
    expect(exported.checkins.map((c) => c.local_date)).toEqual(['2026-03-10']);
    // Wednesday is still open for its own check-in.
    expect(await b.say('ana', '/checkin middle mood:3')).toContain('Checked in for Wed 11 Mar');
  });

  it('is not offered once yesterday is closed, and a relapse is never moved', async () => {
    const { b } = await world();
    await simulate(b, '2026-03-11T07:15:00Z'); // 08:15 Wednesday: Tuesday's deadline has passed
    expect(await b.say('ana', '/checkin sober mood:4')).not.toContain('meant for yesterday');
    expect(await b.say('ana', '/checkin yesterday')).toContain('stays on today');

    const { b: b2 } = await (async () => { await b.close(); bot = null; return world(); })();
    await simulate(b2, '2026-03-10T23:15:00Z');
    expect(await b2.say('ana', '/checkin relapse mood:2')).not.toContain('meant for yesterday');
    expect(await b2.say('ana', '/checkin yesterday')).toContain('A relapse stays on the day you recorded it');
  });
});
