// After a relapse check-in, automatic status sharing waits 24 hours so the person can tell
// their supporters themselves; /disclose lets the bot tell them now; correcting the
// check-in the same day withdraws the news that was waiting.
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, HOUR, MINUTE, type World } from './world.js';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function setUp() {
  const w = await createWorld();
  world = w;
  const alice = w.actor('Alice');
  const sam = w.actor('Sam');
  await w.onboard(alice, 'recovery');
  await w.onboard(sam, 'supporter');
  await w.link(alice, sam);
  expect(await w.say(alice, '/share Sam status')).toContain('Sam receives now: daily status');
  await w.deliver();
  const news = () => w.inbox(sam.account).filter((d) => d.text.includes('A check-in from Alice'));
  return { w, alice, sam, news };
}

describe('the relapse disclosure window', () => {
  it('holds the notice for 24 hours, then sends exactly one', async () => {
    const { w, alice, news } = await setUp();
    const answer = await w.say(alice, '/checkin relapse mood:2');
    expect(answer).toContain('Sam will hear about today in 24 hours, not before Wed 11 Mar 12:00.');
    expect(answer).toContain('/disclose');
    const relapseAt = w.bot.clock.now().getTime();
    for (const after of [0, 1 * HOUR, 12 * HOUR, 23 * HOUR, 24 * HOUR - MINUTE]) {
      w.at(new Date(relapseAt + after));
      await w.deliver();
      expect(news()).toEqual([]);
    }
    w.at(new Date(relapseAt + 24 * HOUR));
    await w.deliver();
    expect(news()).toHaveLength(1);
    expect(news()[0]!.text).toContain('Tue 10 Mar, as they shared it:\nA relapse');
    w.at(new Date(relapseAt + 72 * HOUR));
    await w.tickAndDeliver();
    expect(news()).toHaveLength(1);
  });

  it('/disclose sends the held notice at once, and only once', async () => {
    const { w, alice, news } = await setUp();
    await w.say(alice, '/checkin relapse mood:2');
    w.advance(2 * HOUR);
    await w.deliver();
    expect(news()).toEqual([]);
    expect(await w.say(alice, '/disclose')).toContain('I am letting them know now');
    await w.deliver();
    expect(news()).toHaveLength(1);
    expect(news()[0]!.text).toContain('A relapse');
    expect(await w.say(alice, '/disclose')).toContain('There is no news waiting to be shared');
    w.advance(30 * HOUR);
    await w.deliver();
    expect(news()).toHaveLength(1);
  });

  it('correcting the relapse to sober the same day replaces the held notice: Sam hears only the corrected day', async () => {
    const { w, alice, news } = await setUp();
    await w.say(alice, '/checkin relapse mood:2');
    w.advance(3 * HOUR);
    const corrected = await w.say(alice, '/checkin sober');
    expect(corrected).toContain('Your sobriety date is back to what it was before');
    w.advance(48 * HOUR);
    await w.deliver();
    expect(news().filter((d) => /relapse/i.test(d.text))).toEqual([]);
    // One message about the day, told as it ended up.
    expect(news().map((d) => d.text)).toEqual(['A check-in from Alice.\nTue 10 Mar, as they shared it:\nA sober day ✓.']);
    const rows = await w.db.selectFrom('outbox').select(['status', 'tells_status']).where('topic', 'in', ['status', 'status-correction']).execute();
    expect(rows).toEqual([{ status: 'sent', tells_status: 'sober' }]);
    // And /disclose has nothing left to release.
    expect(await w.say(alice, '/disclose')).toContain('There is no news waiting');
  });

  it('a sober or middle-circle day is shared without a window, once the check-in is done', async () => {
    const { w, alice, news } = await setUp();
    const answer = await w.say(alice, '/checkin middle mood:3');
    expect(answer).not.toContain('24 hours');
    await w.deliver();
    // A check-in may take a few taps: it is shared when the person says Done, or after a quiet ten minutes.
    expect(news()).toEqual([]);
    w.advance(10 * MINUTE);
    await w.deliver();
    expect(news().map((d) => d.text)).toEqual(['A check-in from Alice.\nTue 10 Mar, as they shared it:\nA hard day, but no relapse.']);
  });
});
