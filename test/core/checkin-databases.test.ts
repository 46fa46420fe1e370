// The daily check-in through the real core on every database: PostgreSQL writes most
// check-ins in one statement without a lock, and must answer exactly as SQLite does.
import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { createTestBot, DAY_MS, daysBefore, type TestBot } from '../helpers/core-harness.js';
import { describeEachDatabase } from '../helpers/databases.js';

const TODAY = '2026-03-10';
const NOON = `${TODAY}T12:00:00Z`;

describeEachDatabase('check-ins', (target) => {
  let bot: TestBot | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await bot?.close();
    await cleanup?.();
    bot = null;
    cleanup = null;
  });
  async function start(): Promise<TestBot> {
    const place = await target.storage();
    cleanup = place.cleanup;
    bot = await createTestBot({ at: NOON, storage: place.storage, dataKey: randomBytes(32) });
    return bot;
  }

  it('a second check-in the same day updates the first and keeps what it did not mention', async () => {
    const b = await start();
    await b.onboard('ana', 'recovery', 'Europe/Berlin');
    expect(await b.say('ana', '/checkin sober mood:4 feeling:calm did:meeting,journaling note:first words'))
      .toMatch(/^Checked in for Tue 10 Mar: sober · mood 4 \(calm\) · group meeting, journaling · private note saved\./);
    b.advance(3_600_000);
    expect(await b.say('ana', '/checkin mood:2 did:-journaling')).toMatch(/^Updated your check-in for Tue 10 Mar: sober · mood 2 \(calm\) · group meeting · private note saved\./);
    const { checkins } = await b.exported('ana');
    expect(checkins).toHaveLength(1);
    expect(checkins[0]).toMatchObject({ local_date: TODAY, status: 'sober', mood: 2, feeling: 'calm', healing_work: 'meeting', note: 'first words' });
  });

  it('check-ins sent at the same moment all count: none overwrites another', async () => {
    const b = await start();
    await b.onboard('ana', 'recovery', 'UTC');
    await b.say('ana', '/checkin sober mood:4');
    const adds = ['meeting', 'journaling', 'selfcare', 'boundaries'];
    await Promise.all(adds.map((w, i) => b.send('ana', `/checkin did:+${w}`, { idempotencyKey: `same-moment-${i}` })));
    const { checkins } = await b.exported('ana');
    expect(checkins).toHaveLength(1);
    expect((checkins[0]!.healing_work as string).split(',').sort()).toEqual([...adds].sort());
  });

  it('a relapse starts a new period, and correcting it the same day restores the sobriety date', async () => {
    const b = await start();
    await b.onboard('ben', 'recovery', 'UTC');
    const date = daysBefore(TODAY, 10);
    await b.say('ben', `/sobriety ${date}`);
    await b.say('ben', '/checkin mood:3');
    expect(await b.say('ben', '/checkin relapse')).toContain('Your new sobriety date is today.');
    expect(await b.say('ben', '/sobriety')).toContain(`Your sobriety date is ${TODAY}`);
    const text = await b.say('ben', '/checkin sober');
    expect(text).toMatch(/^Updated your check-in for Tue 10 Mar: sober · mood 3/);
    expect(text).toContain('Your sobriety date is back to what it was before.');
    expect(await b.say('ben', '/progress')).toContain(`Sober: 10 days (since ${date})`);
    expect((await b.exported('ben')).sobriety_periods).toHaveLength(1);
  });

  it('14 days sober and a 7-day streak reached by the same check-in are both celebrated, once', async () => {
    const b = await start();
    await b.onboard('cam', 'recovery', 'UTC');
    await b.say('cam', `/sobriety ${daysBefore(TODAY, 8)}`);
    for (let day = 0; day < 6; day += 1) {
      expect(await b.say('cam', '/checkin sober mood:4')).not.toContain('🎉');
      b.advance(DAY_MS);
    }
    const seventh = await b.say('cam', '/checkin sober mood:4');
    expect(seventh).toContain('🎉 14 days today. Two weeks of sobriety');
    expect(seventh.match(/🎉/g)).toHaveLength(2);
    expect(await b.say('cam', '/checkin did:meeting')).not.toContain('🎉');
  });
});
