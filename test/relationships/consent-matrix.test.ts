// The consent matrix: every scope a person can grant, and every message that carries it.
// A supporter given the scope receives the message; one without it does not; and a scope
// revoked (or a link ended) after the message was queued stops it at send time.
import { afterEach, describe, expect, it } from 'vitest';
import { SCOPES, type Scope } from '../../src/domain/consent.js';
import type { MessageKind } from '../../src/ports/platform.js';
import { ALL_SCOPES, createWorld, type Actor, type World } from './world.js';
import type { SendCall } from '../helpers/in-process-platform.js';

const NOTE = 'the argument with my brother still stings';

interface Trigger {
  scope: Scope;
  /** The message, as a person would name it. */
  message: string;
  kind: MessageKind;
  /** Makes the core queue one message about Alice for each supporter allowed it (nothing is delivered yet). */
  cause(w: World, alice: Actor): Promise<void>;
  /** Whether a delivered message carries what the scope guards. */
  carries(d: SendCall): boolean;
}

const TRIGGERS: Trigger[] = [
  {
    scope: 'alerts', message: 'a missed check-in alert at the grace deadline', kind: 'alert',
    async cause(w) {
      // Alice joined at 12:00 on the 10th and never checked in: the 10th's grace deadline is 08:00 on the 11th.
      w.at('2026-03-11T08:00:00Z');
      await w.bot.core.tick();
    },
    carries: (d) => d.kind === 'alert' && d.text.includes('Alice has not checked in'),
  },
  {
    scope: 'sos', message: 'an SOS', kind: 'sos',
    async cause(w, alice) { await w.send(alice, '/sos'); },
    carries: (d) => d.kind === 'sos' && d.text.includes('Alice is reaching out'),
  },
  {
    scope: 'milestones', message: 'milestone news', kind: 'celebration',
    async cause(w, alice) { await w.send(alice, '/sobriety 2026-03-03'); },
    carries: (d) => d.kind === 'celebration' && d.text.includes('Good news from Alice'),
  },
  {
    scope: 'status', message: 'the daily status after a check-in', kind: 'link',
    async cause(w, alice) { await w.send(alice, '/checkin sober'); await w.send(alice, '/checkin done'); },
    carries: (d) => d.text.includes('A check-in from Alice') && d.text.includes('A sober day'),
  },
  {
    scope: 'mood', message: 'the mood inside the daily status', kind: 'link',
    async cause(w, alice) { await w.send(alice, '/checkin sober mood:4 feeling:hopeful'); await w.send(alice, '/checkin done'); },
    carries: (d) => d.text.includes('Mood: 4 of 5') || d.text.includes('hopeful'),
  },
  {
    scope: 'notes', message: 'the note inside the daily status', kind: 'link',
    async cause(w, alice) { await w.send(alice, `/checkin sober note:${NOTE}`); await w.send(alice, '/checkin done'); },
    carries: (d) => d.text.includes(NOTE),
  },
];

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** Alice in recovery, with one sponsor per entry of `sponsors`, each given exactly those scopes. */
async function setUp(sponsors: Record<string, readonly string[]>) {
  const w = await createWorld();
  world = w;
  const alice = w.actor('Alice');
  await w.onboard(alice, 'recovery');
  const out: Record<string, Actor> = {};
  for (const [name, scopes] of Object.entries(sponsors)) {
    const s = w.actor(name);
    await w.onboard(s, 'supporter');
    expect(await w.link(alice, s)).toContain("You are now Alice's sponsor");
    expect(await w.say(alice, `/share ${name} ${scopes.length ? scopes.join(',') : 'none'}`)).toContain(`${name} receives now`);
    out[name] = s;
  }
  await w.deliver();
  return { w, alice, sponsors: out };
}

async function rowsAbout(w: World, alice: Actor, to: Actor) {
  const [aliceId, toId] = [await w.personId(alice), await w.personId(to)];
  return w.db.selectFrom('outbox').select(['idem_key', 'status', 'last_error', 'kind'])
    .where('about_id', '=', aliceId).where('recipient_id', '=', toId).execute();
}

describe('consent matrix: a supporter receives a message only with the scope that guards it', () => {
  it('lists every scope the product names', () => {
    expect(TRIGGERS.map((t) => t.scope).sort()).toEqual([...SCOPES].sort());
  });

  for (const t of TRIGGERS) {
    it(`${t.scope}: ${t.message} reaches the sponsor given "${t.scope}" and not the one given everything else`, async () => {
      // Mood and notes travel inside the daily status, so both sponsors get the status itself.
      const withIt = t.scope === 'mood' || t.scope === 'notes' ? ['status', t.scope] : [t.scope];
      const without = SCOPES.filter((s) => s !== t.scope);
      const { w, alice, sponsors } = await setUp({ Wendy: withIt, Noah: without });
      await t.cause(w, alice);
      await w.deliver();

      const wendy = w.inbox(sponsors.Wendy!.account);
      const noah = w.inbox(sponsors.Noah!.account);
      expect(wendy.filter(t.carries)).toHaveLength(1);
      expect(wendy.filter(t.carries)[0]!.kind).toBe(t.kind);
      expect(noah.filter(t.carries)).toEqual([]);
      if (t.scope === 'mood' || t.scope === 'notes') {
        // Noah still gets the status, without the part he was not given.
        expect(noah.filter((d) => d.text.includes('A check-in from Alice'))).toHaveLength(1);
      }
    });
  }
});

const REVOCATIONS = [
  { how: '/share 1 none (by Alice), then dispatcher.flush()', by: 'alice', command: '/share 1 none', flush: true },
  { how: '/unlink 1 (by Alice)', by: 'alice', command: '/unlink 1', flush: false },
  { how: '/unlink Alice (by Sam)', by: 'sam', command: '/unlink Alice', flush: false },
] as const;

describe('consent is checked again when a queued message is sent', () => {
  for (const t of TRIGGERS) {
    for (const r of REVOCATIONS) {
      it(`${t.scope}: ${t.message}, already queued, is withheld after ${r.how}`, async () => {
        const { w, alice, sponsors } = await setUp({ Sam: ALL_SCOPES.split(',') });
        const sam = sponsors.Sam!;
        await t.cause(w, alice);
        const queued = (await rowsAbout(w, alice, sam)).filter((row) => row.status === 'queued');
        expect(queued.length).toBeGreaterThan(0);

        const answer = await w.say(r.by === 'alice' ? alice : sam, r.command);
        expect(answer).toMatch(/receives now: nothing|has ended/);
        await (r.flush ? w.flush() : w.deliver());

        expect(w.inbox(sam.account).filter(t.carries)).toEqual([]);
        const after = await rowsAbout(w, alice, sam);
        for (const row of after.filter((x) => queued.some((q) => q.idem_key === x.idem_key))) {
          expect(row).toMatchObject({ status: 'skipped', last_error: 'withheld' });
        }
      });
    }
  }

  for (const scope of ['mood', 'notes'] as const) {
    it(`${scope}: revoking only "${scope}" (keeping the status) keeps it out of a status already queued`, async () => {
      const t = TRIGGERS.find((x) => x.scope === scope)!;
      const { w, alice, sponsors } = await setUp({ Sam: ALL_SCOPES.split(',') });
      const sam = sponsors.Sam!;
      await t.cause(w, alice);
      expect((await rowsAbout(w, alice, sam)).some((row) => row.status === 'queued')).toBe(true);
      const keep = SCOPES.filter((s) => s !== scope).join(',');
      expect(await w.say(alice, `/share Sam ${keep}`)).toContain('Sam receives now');
      await w.deliver();
      expect(w.inbox(sam.account).filter(t.carries)).toEqual([]);
    });
  }
});

describe('coaches', () => {
  it('an unanswered run of missed check-ins escalates once, only to a coach given alerts, and the coach hears when it ends', async () => {
    const w = await createWorld();
    world = w;
    const alice = w.actor('Alice');
    await w.onboard(alice, 'recovery');
    const coach = w.actor('Cora');
    const quiet = w.actor('Quinn');
    for (const c of [coach, quiet]) {
      await w.onboard(c, 'supporter');
      expect(await w.link(alice, c, 'coach')).toContain("Alice's coach");
    }
    await w.send(alice, '/share Quinn sos');
    for (const at of ['2026-03-11T08:00:00Z', '2026-03-11T20:00:00Z', '2026-03-12T08:00:00Z', '2026-03-12T20:00:00Z', '2026-03-13T08:00:00Z']) {
      w.at(at);
      await w.tickAndDeliver();
    }
    const escalations = (to: Actor) => w.inbox(to.account).filter((d) => d.text.includes('nobody has said they are reaching out'));
    expect(escalations(coach)).toHaveLength(1);
    // On the third day the escalation is the coach's one message about it, not an alert and an escalation back to back.
    const aboutAlice = w.inbox(coach.account).filter((d) => d.kind === 'alert' && d.text.includes('Alice'));
    expect(aboutAlice.map((d) => d.text.split('\n')[1])).toEqual([
      'Alice has not checked in for Tue 10 Mar (one day).',
      'Alice has not checked in for Wed 11 Mar (2 days in a row now).',
      'Alice has not checked in for 3 days in a row (latest: Thu 12 Mar), and nobody has said they are reaching out yet.',
    ]);
    expect(w.inbox(quiet.account).filter((d) => d.text.includes('Alice'))).toEqual([]);
    // The run ends: a short note, once, to whoever was alerted.
    w.at('2026-03-13T12:00:00Z');
    await w.send(alice, '/checkin sober mood:3');
    await w.send(alice, '/checkin mood:4');
    await w.deliver();
    const back = w.inbox(coach.account).filter((d) => d.text.includes('checked in again'));
    expect(back.map((d) => d.text.split('\n')[1])).toEqual(['Alice checked in again on Fri 13 Mar, after 3 days without one.']);
    expect(w.inbox(quiet.account).filter((d) => d.text.includes('checked in again'))).toEqual([]);
  });

  it('a supporter who says they are reaching out stops the escalation, and Alice sees it', async () => {
    const w = await createWorld();
    world = w;
    const alice = w.actor('Alice');
    await w.onboard(alice, 'recovery');
    const sam = w.actor('Sam');
    const coach = w.actor('Cora');
    await w.onboard(sam, 'supporter');
    await w.onboard(coach, 'supporter');
    await w.link(alice, sam);
    await w.link(alice, coach, 'coach');
    w.at('2026-03-11T08:00:00Z');
    await w.tickAndDeliver();
    const alert = w.inbox(sam.account).find((d) => d.kind === 'alert')!;
    expect(await w.say(sam, alert.message.reply.buttons![0]![0]!.command)).toContain('I told Alice you are reaching out');
    await w.deliver();
    // The words fit what Sam answered: a missed check-in, not a message Alice never sent.
    expect(w.inbox(alice.account).filter((d) => d.text.startsWith('Sam noticed you have not checked in lately and is reaching out to you.'))).toHaveLength(1);
    for (const at of ['2026-03-11T20:00:00Z', '2026-03-12T08:00:00Z', '2026-03-12T20:00:00Z', '2026-03-13T08:00:00Z']) {
      w.at(at);
      await w.tickAndDeliver();
    }
    expect(w.inbox(coach.account).filter((d) => d.text.includes('nobody has said they are reaching out'))).toEqual([]);
  });

  it('a coach’s weekly summary holds only the lines the coach was given', async () => {
    const w = await createWorld();
    world = w;
    const alice = w.actor('Alice');
    await w.onboard(alice, 'recovery');
    const full = w.actor('Cora');
    const some = w.actor('Cato');
    const none = w.actor('Cyd');
    for (const c of [full, some, none]) {
      await w.onboard(c, 'supporter');
      await w.link(alice, c, 'coach');
    }
    await w.send(alice, '/share Cora status,mood,alerts');
    await w.send(alice, '/share Cato status');
    await w.send(alice, '/share Cyd sos,milestones');
    await w.send(alice, '/checkin sober mood:3');
    await w.send(alice, '/checkin done');
    // Sunday the 15th, 18:00 UTC: the weekly summaries.
    w.at('2026-03-15T18:00:00Z');
    await w.tickAndDeliver();
    const summary = (c: Actor) => w.inbox(c.account).filter((d) => d.kind === 'summary' && d.text.includes('Weekly summary for Alice'));
    expect(summary(full)).toHaveLength(1);
    expect(summary(full)[0]!.text).toMatch(/Check-ins: .*Average mood: .*Days without a check-in/s);
    expect(summary(some)).toHaveLength(1);
    expect(summary(some)[0]!.text).toContain('Check-ins:');
    expect(summary(some)[0]!.text).not.toMatch(/mood|without a check-in/i);
    expect(summary(none)).toEqual([]);
  });
});
