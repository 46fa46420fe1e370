// The month of issue 15, lived through the real core (month.ts): Alice in recovery (Berlin),
// Sam her sponsor (New York, quiet hours), Pat her partner (relapse notices, then full shared
// check-ins), Cora her coach (London). What each received is what each was promised, in the
// right voice and amount; then a few more days bring every other kind of message the bot
// starts, and none of them shows more than names, dates and counts in its first two lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_TOPICS } from '../../src/domain/message-topic.js';
import { indiscreetTermsIn, lockScreenOf } from '../scheduler/simulation.js';
import { countTable, liveMonth, type Delivery, type Month, type MonthRole } from './month.js';

let m: Month;
beforeAll(async () => {
  m = await liveMonth();
}, 60_000);
afterAll(async () => {
  await m?.w.close();
});

const to = (role: MonthRole, topic?: string) => m.deliveries.filter((d) => d.role === role && (topic === undefined || d.topic === topic));
const lines = (d: Delivery) => d.text.split('\n');

describe('a month with four people', () => {
  it('Pat asked for relapse notices and got the relapse, once, after the window; later full check-ins; never an alert or an SOS', () => {
    const relapse = to('partner', 'status').filter((d) => d.text.includes('A relapse;'));
    expect(relapse.map((d) => [d.at.toISOString(), lines(d)[1]])).toEqual([['2026-03-17T19:30:00.000Z', 'Mon 16 Mar, as they shared it:']]);
    // Before she chose full (the 20th), only that; after it, Alice's days with their mood.
    expect(to('partner', 'status').filter((d) => d.at < new Date('2026-03-20T08:00:00Z'))).toEqual(relapse);
    expect(to('partner', 'status').filter((d) => d.at > new Date('2026-03-20T08:00:00Z')).every((d) => d.text.includes('Mood:'))).toBe(true);
    for (const topic of ['missed', 'escalation', 'sos', 'checkin-resumed', 'supporter-summary']) expect(to('partner', topic), topic).toEqual([]);
    // Alice was asked, once for each of Pat's choices, and agreed.
    expect(m.offeredPresses.map((p) => [p.role, p.label])).toEqual([['recovery', 'Share'], ['recovery', 'Share']]);
  });

  it('Pat’s own messages speak of her healing, slow down when she stops answering, and never mention streaks', () => {
    const prompts = to('partner', 'prompt');
    expect(prompts.length).toBeLessThan(20);
    expect(prompts.filter((d) => d.text.includes('every other day'))).toHaveLength(1);
    expect(prompts.filter((d) => d.text.includes('once a week'))).toHaveLength(1);
    for (const d of [...to('partner', 'reminder'), ...to('partner', 'summary'), ...prompts]) expect(d.text).not.toMatch(/streak|sober|recovery/i);
  });

  it('Sam never set up check-ins of his own, so he got no prompts; he got one status per day, with its mood, and the weekly summary his link allows', () => {
    expect(to('sponsor', 'prompt')).toEqual([]);
    expect(to('sponsor', 'reminder')).toEqual([]);
    const days = to('sponsor', 'status').map((d) => lines(d)[1]);
    expect(new Set(days).size).toBe(days.length);
    expect(to('sponsor', 'status').every((d) => d.text.includes('Mood:'))).toBe(true);
    expect(to('sponsor', 'supporter-summary').length).toBeGreaterThanOrEqual(4);
  });

  it('Cora turned her prompts off: no prompts, no "0 of 7" summaries; the escalation was one message, and she heard when Alice came back', () => {
    expect(to('coach', 'prompt')).toEqual([]);
    expect(to('coach', 'summary')).toEqual([]);
    const third = to('coach').filter((d) => d.text.includes('Thu 12 Mar') && ['missed', 'escalation'].includes(d.topic));
    expect(third.map((d) => d.topic)).toEqual(['escalation']);
    expect(to('coach', 'checkin-resumed').map((d) => lines(d)[1])).toContain('Alice checked in again on Fri 13 Mar, after 3 days without one.');
    // No milestone of the counter that restarted: Cora does not receive the status.
    expect(to('coach', 'milestone').filter((d) => d.at > new Date('2026-03-16T00:00:00Z') && !d.text.includes('check-ins in a row'))).toEqual([]);
  });

  it('Alice’s summaries count only days that ended, /progress agrees, and longest never exceeds what the counter showed', () => {
    expect(m.progress.get('2026-03-02')).toContain('Since you joined (1 day): checked in on 1 (100%)');
    expect(m.progress.get('2026-03-17')).toContain('Longest: 38 days');
    for (const d of to('recovery', 'summary')) expect(d.text).not.toMatch(/: 0 of/);
  });

  it('every celebration is its own', () => {
    const texts = to('recovery', 'celebration').map((d) => lines(d).slice(1).join(' '));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('the table (see month-report.ts) has what each person received, by kind', () => {
    const table = countTable(m.deliveries);
    expect(table).toMatch(/^\| topic \| recovery \| sponsor \| partner \| coach \|/);
  });
});

describe('discretion', () => {
  it('every kind of message the bot starts shows only names, dates and counts in its first two lines', async () => {
    const { w, people } = m;
    const { recovery: alice, partner: pat } = people;
    w.at('2026-04-01T10:00:00Z');
    // A relapse told at once, then corrected: a correction.
    await w.send(alice, '/checkin relapse mood:2');
    await w.send(alice, '/disclose');
    await w.deliver();
    await w.send(alice, '/checkin sober');
    await w.send(alice, '/checkin done');
    // FANOS, once Pat is ready.
    await w.send(pat, '/ready');
    for (const who of [alice, pat]) {
      await w.send(who, '/fanos');
      for (const step of ['feel', 'thank', 'need', 'own', 'going']) await w.send(who, `${who.name} ${step}`);
      await w.send(who, '/fanos share');
    }
    // A heavy moment answered "I'm safe", with a check later that day.
    await w.send(alice, '/sos safe urge');
    await w.send(alice, '/sos later urge');
    // An accountability group with a milestone to celebrate.
    const group = { id: 'console:group-7', kind: 'group' as const, title: 'Wednesday group' };
    const gail = w.actor('Gail');
    const bea = w.actor('Bea');
    await w.say(gail, '/group setup 20:00', { chat: group, senderIsGroupAdmin: true });
    await w.onboard(bea, 'recovery');
    await w.send(bea, '/group join', { chat: group });
    await w.send(bea, '/group celebrate on', { chat: group });
    await w.send(bea, '/group name on', { chat: group });
    await w.send(bea, '/sobriety 2026-03-20');
    await w.send(bea, '/checkin sober mood:4');
    for (const at of ['2026-04-01T20:00:00Z', '2026-04-01T22:30:00Z']) {
      w.at(at);
      await w.tickAndDeliver();
    }

    const topicOf = new Map((await w.db.selectFrom('outbox').select(['idem_key', 'topic']).execute()).map((r) => [r.idem_key, r.topic]));
    const started = w.all().map((d) => ({ d, topic: topicOf.get(d.key)! })).filter((x) => x.topic !== 'answer');
    // Every topic a message can have is here, except replies and the group notice (no longer made).
    expect([...new Set(started.map((x) => x.topic))].sort()).toEqual(MESSAGE_TOPICS.filter((t) => t !== 'answer' && t !== 'group-notice').sort());
    const loud = started.map((x) => ({ topic: x.topic, shown: lockScreenOf(x.d.text), terms: indiscreetTermsIn(lockScreenOf(x.d.text)) }))
      .filter((x) => x.terms.length > 0);
    expect(loud).toEqual([]);
    // The check sees a term on the second line too.
    expect(indiscreetTermsIn(lockScreenOf('A check-in from Alice.\nTue 10 Mar: a sober day.'))).toEqual(['sober']);
  });
});
