// Shared news is composed when it is sent: a check-in made in several taps reaches a sponsor
// once, as it ended up; an edit in the relapse window changes what is shared; a day moved or
// corrected after it was shared brings one clear correction, never two reports that disagree;
// and the milestones of a counter that started again are status news, well apart from the relapse.
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/ports/reply.js';
import type { SendCall } from '../helpers/in-process-platform.js';
import { createWorld, HOUR, MINUTE, type Actor, type World } from './world.js';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** Alice in recovery (UTC); Sam, her sponsor, given status, mood and notes; Pat, her partner, on relapse notices. */
async function setUp(at = '2026-03-10T12:00:00Z') {
  const w = await createWorld({ at });
  world = w;
  const alice = w.actor('Alice');
  const sam = w.actor('Sam');
  const pat = w.actor('Pat');
  await w.onboard(alice, 'recovery');
  await w.onboard(sam, 'supporter');
  await w.onboard(pat, 'partner');
  await w.link(alice, sam);
  await w.link(alice, pat, 'partner');
  await w.say(alice, '/share Sam +status,mood,notes');
  await w.say(pat, '/receive relapse');
  await w.say(alice, '/share Pat status');
  await w.deliver();
  const news = (who: Actor) => w.inbox(who.account).filter((d) => /^A (check-in|correction) from Alice\./.test(d.text));
  return { w, alice, sam, pat, news };
}

function press(replies: Reply[], label: string | RegExp): string {
  const b = replies.flatMap((r) => (r.buttons ?? []).flat()).find((x) => (typeof label === 'string' ? x.label === label : label.test(x.label)));
  if (!b) throw new Error(`no button ${String(label)}`);
  return b.command;
}

const body = (d: SendCall) => d.text.split('\n').slice(1).join(' / ');

describe('a check-in made in several taps', () => {
  it('reaches the sponsor once, with its mood, when Alice says Done — not on the first tap', async () => {
    const { w, alice, sam, news } = await setUp();
    let r = await w.send(alice, '/checkin');
    r = await w.send(alice, press(r, 'Sober'));
    await w.deliver();
    expect(news(sam)).toEqual([]);
    // (A mood of 1 would be a heavy moment, answered on its own: see heavy-moments.test.ts.)
    r = await w.send(alice, press(r, '2'));
    r = await w.send(alice, press(r, /exercise/));
    await w.deliver();
    expect(news(sam)).toEqual([]);
    await w.send(alice, press(r, 'Done'));
    await w.deliver();
    expect(news(sam).map(body)).toEqual(['Tue 10 Mar, as they shared it: / A sober day ✓. / Mood: 2 of 5.']);
    w.advance(HOUR);
    await w.deliver();
    expect(news(sam)).toHaveLength(1);
  });

  it('left without Done, goes once ten quiet minutes after the last tap, as it was then', async () => {
    const { w, alice, sam, news } = await setUp();
    const first = await w.send(alice, '/checkin');
    const sober = await w.send(alice, press(first, 'Sober'));
    w.advance(6 * MINUTE);
    await w.deliver();
    await w.send(alice, press(sober, '3'));
    w.advance(6 * MINUTE);
    await w.deliver();
    // Six minutes after the mood: still quiet time.
    expect(news(sam)).toEqual([]);
    w.advance(4 * MINUTE);
    await w.deliver();
    expect(news(sam).map(body)).toEqual(['Tue 10 Mar, as they shared it: / A sober day ✓. / Mood: 3 of 5.']);
  });
});

describe('an edit inside the relapse window', () => {
  it('changes what is shared when the window ends: the note as last written, once', async () => {
    const { w, alice, sam, pat, news } = await setUp();
    let r = await w.send(alice, '/checkin');
    r = await w.send(alice, press(r, 'Relapse'));
    // The mood question comes in words, with its buttons.
    expect(r[0]!.text).toContain('How is your mood, from 1 (very low) to 5 (very good)?');
    await w.send(alice, press(r, '2'));
    await w.send(alice, '/checkin note:first words, written in a hurry');
    w.advance(3 * HOUR);
    await w.send(alice, '/checkin note:I was alone and tired; next time I call Sam first');
    w.advance(21 * HOUR - MINUTE);
    await w.deliver();
    expect(news(sam)).toEqual([]);
    w.advance(MINUTE);
    await w.deliver();
    expect(news(sam).map(body)).toEqual([
      'Tue 10 Mar, as they shared it: / A relapse; they have started again. / Mood: 2 of 5. / Their note: I was alone and tired; next time I call Sam first',
    ]);
    // The window began when the relapse was told; editing did not push it back.
    expect(news(sam)[0]!.at.toISOString()).toBe('2026-03-11T12:00:00.000Z');
    expect(news(pat).map(body)).toEqual(['Tue 10 Mar, as they shared it: / A relapse; they have started again.']);
  });
});

describe('corrections: one clear message, never two that disagree', () => {
  it('a relapse told (with /disclose), then corrected to sober: one correction, to the sponsor and to the partner on relapse notices', async () => {
    const { w, alice, sam, pat, news } = await setUp();
    await w.send(alice, '/checkin relapse mood:2');
    expect(await w.say(alice, '/disclose')).toContain('I am letting them know now');
    await w.deliver();
    w.advance(HOUR);
    expect(await w.say(alice, '/checkin sober')).toContain('Your sobriety date is back to what it was before');
    await w.deliver();
    w.advance(HOUR);
    await w.deliver();
    for (const who of [sam, pat]) {
      const got = news(who).map((d) => d.text.split('\n')[0]);
      expect(got).toEqual(['A check-in from Alice.', 'A correction from Alice.']);
      expect(body(news(who)[1]!)).toBe('About Tue 10 Mar, which they had shared before: / It was not a relapse: they corrected it. A sober day ✓.');
    }
  });

  it('a relapse before the sober news went: one report, the relapse, held for the window', async () => {
    const { w, alice, sam, news } = await setUp();
    await w.send(alice, '/checkin sober mood:4');
    w.advance(5 * MINUTE);
    await w.send(alice, '/checkin relapse');
    w.advance(25 * HOUR);
    await w.deliver();
    expect(news(sam).map(body)).toEqual(['Tue 10 Mar, as they shared it: / A relapse; they have started again. / Mood: 4 of 5.']);
  });

  it('a sober day told, then a relapse recorded that evening: one correction, after the window', async () => {
    const { w, alice, sam, pat, news } = await setUp();
    await w.send(alice, '/checkin sober mood:4');
    await w.send(alice, '/checkin done');
    await w.deliver();
    w.advance(6 * HOUR);
    await w.send(alice, '/checkin relapse');
    w.advance(24 * HOUR - MINUTE);
    await w.deliver();
    expect(news(sam).map((d) => d.text.split('\n')[0])).toEqual(['A check-in from Alice.']);
    w.advance(MINUTE);
    await w.deliver();
    expect(news(sam).map(body)).toEqual([
      'Tue 10 Mar, as they shared it: / A sober day ✓. / Mood: 4 of 5.',
      'About Tue 10 Mar, which they had shared before: / It was a relapse after all; they have started again.',
    ]);
    // Pat, on relapse notices, never heard of the sober day: for Pat it is simply the relapse notice.
    expect(news(pat).map(body)).toEqual(['Tue 10 Mar, as they shared it: / A relapse; they have started again.']);
  });
});

describe('yesterday or today', () => {
  /** Alice forgets Friday's check-in and checks in at 00:30 on Saturday, meaning Friday. */
  async function lateCheckin() {
    const s = await setUp('2026-03-13T12:00:00Z');
    s.w.at('2026-03-13T20:00:00Z');
    await s.w.tickAndDeliver();
    s.w.at('2026-03-14T00:30:00Z');
    const r = await s.w.send(s.alice, '/checkin sober mood:4');
    expect(r[0]!.text).toContain('If this was meant for yesterday (Fri 13 Mar)');
    return { ...s, r };
  }

  it('moved before it went: one message about Friday, and Saturday evening’s check-in shared too', async () => {
    const { w, alice, sam, news, r } = await lateCheckin();
    w.advance(2 * MINUTE);
    expect(await w.say(alice, press(r, /^It was for/))).toContain('now counts for Fri 13 Mar');
    w.at('2026-03-14T19:00:00Z');
    await w.deliver();
    expect(news(sam).map(body)).toEqual(['Fri 13 Mar, as they shared it: / A sober day ✓. / Mood: 4 of 5.']);
    await w.send(alice, '/checkin sober mood:3');
    await w.send(alice, '/checkin done');
    await w.deliver();
    expect(news(sam).map(body)).toEqual([
      'Fri 13 Mar, as they shared it: / A sober day ✓. / Mood: 4 of 5.',
      'Sat 14 Mar, as they shared it: / A sober day ✓. / Mood: 3 of 5.',
    ]);
  });

  it('moved after it went: one correction, no second report of the same check-in, and Saturday still shared', async () => {
    const { w, alice, sam, news, r } = await lateCheckin();
    w.advance(15 * MINUTE);
    await w.deliver();
    expect(news(sam).map(body)).toEqual(['Sat 14 Mar, as they shared it: / A sober day ✓. / Mood: 4 of 5.']);
    expect(await w.say(alice, press(r, /^It was for/))).toContain('now counts for Fri 13 Mar');
    await w.deliver();
    w.at('2026-03-14T19:00:00Z');
    await w.send(alice, '/checkin middle mood:3');
    await w.send(alice, '/checkin done');
    await w.deliver();
    expect(news(sam).map(body)).toEqual([
      'Sat 14 Mar, as they shared it: / A sober day ✓. / Mood: 4 of 5.',
      'The check-in they shared for Sat 14 Mar was for Fri 13 Mar.',
      'Sat 14 Mar, as they shared it: / A hard day, but no relapse. / Mood: 3 of 5.',
    ]);
  });
});

describe('milestone news after a relapse', () => {
  it('the restarted counter’s milestones reach only those who receive the status, after the window and never with the relapse', async () => {
    const w = await createWorld({ at: '2026-03-10T12:00:00Z' });
    world = w;
    const alice = w.actor('Alice');
    const sam = w.actor('Sam');
    const cora = w.actor('Cora');
    await w.onboard(alice, 'recovery');
    for (const s of [sam, cora]) await w.onboard(s, 'supporter');
    await w.link(alice, sam);
    await w.link(alice, cora, 'coach');
    await w.say(alice, '/share Sam +status');
    // 29 days sober: the 30-day milestone comes tomorrow; a relapse the day after; a month follows.
    await w.say(alice, '/sobriety 2026-02-09');
    const group = { id: 'console:group-1', kind: 'group' as const, title: 'Friday group' };
    await w.say(w.actor('Gail'), '/group setup 20:00', { chat: group, senderIsGroupAdmin: true });
    await w.say(alice, '/group join', { chat: group });
    await w.say(alice, '/group celebrate on', { chat: group });
    for (let day = 0; day < 8; day += 1) {
      w.at(new Date(Date.parse('2026-03-10T12:00:00Z') + day * 24 * HOUR));
      await w.tickAndDeliver();
      await w.send(alice, day === 2 ? '/checkin relapse mood:2' : '/checkin sober mood:4');
      await w.send(alice, '/checkin done');
      for (const at of ['20:00', '23:59']) {
        w.at(`${new Date(Date.parse('2026-03-10T00:00:00Z') + day * 24 * HOUR).toISOString().slice(0, 10)}T${at}:00Z`);
        await w.tickAndDeliver();
      }
    }
    const milestones = (who: Actor | string) => w.inbox(typeof who === 'string' ? who : who.account).filter((d) => /milestone/.test(d.text) && !/check-ins in a row/.test(d.text));
    // Cora (alerts, SOS, milestones; no status) hears of 14 and 30 days, and of nothing after the relapse.
    expect(milestones(cora).map((d) => d.text.split('\n')[1])).toEqual(['A milestone: 14 days, reached Tue 10 Mar.', 'A milestone: 30 days, reached Wed 11 Mar.']);
    // The group (joined after the 14 days) celebrates 30; a restarted counter is never celebrated where the whole group reads it.
    expect(milestones(group.id).map((d) => d.text)).toEqual(['🎉 Alice reached a milestone: 30 days. Well done!']);
    // Sam receives the status: he hears of the relapse after the window, and of 1 and 3 days only well after it.
    const relapse = w.inbox(sam.account).find((d) => d.text.includes('A relapse;'))!;
    expect(relapse.at.toISOString()).toBe('2026-03-13T12:00:00.000Z');
    const after = milestones(sam).slice(2);
    expect(after.map((d) => d.text.split('\n')[1])).toEqual(['A milestone: 1 day, reached Fri 13 Mar.', 'A milestone: 3 days, reached Sun 15 Mar.']);
    expect(after[0]!.at.getTime() - relapse.at.getTime()).toBeGreaterThanOrEqual(12 * HOUR);
  });
});
