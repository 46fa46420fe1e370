// Every promise the bot makes in words is a contract. Alice, in recovery, is linked with 36
// supporters at once: sponsors and coaches who want everything or less, partners on each
// level, on call or not, each given a different share. Every answer of /share, /receive and
// /links (on both sides) says what that person receives now; then a month of Alice's life,
// through the real core (check-ins with mood and notes, a missed day, an SOS, milestones, a
// relapse and the milestones after it, weekly summaries), and what arrived is compared with
// what was promised, supporter by supporter: nothing promised is missing, nothing more came.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE_LABEL, SCOPES, type Scope } from '../../src/domain/consent.js';
import { ALL_SCOPES, createWorld, liveDays, type Actor, type World } from './world.js';

const NOTE = 'the walk by the river helped';

/** What a supporter can receive, as a promise names it: the scopes, and the status split in two. */
type Thing = Exclude<Scope, 'status'> | 'status-day' | 'status-relapse';

interface Case {
  name: string;
  relation: 'sponsor' | 'coach' | 'partner';
  /** What Alice shares (/share). */
  shares: string;
  /** What the supporter asks for (/receive): a level and maybe oncall for partners, a list for others. */
  receive: string[];
  /** Whether Alice sets her half first (else the supporter does). */
  personFirst: boolean;
}

const SHARES = { defaults: '', status: 'status', all: ALL_SCOPES } as const;

function cases(): Case[] {
  const out: Case[] = [];
  let i = 0;
  for (const relation of ['sponsor', 'coach'] as const) {
    for (const wants of [null, 'alerts,milestones,status']) {
      for (const [sk, shares] of Object.entries(SHARES)) {
        out.push({ name: `${relation}-${wants ? 'less' : 'all'}-${sk}`, relation, shares, receive: wants ? [wants] : [], personFirst: i % 2 === 0 });
        i += 1;
      }
    }
  }
  for (const level of ['nothing', 'status', 'relapse', 'full']) {
    for (const onCall of [false, true]) {
      for (const [sk, shares] of Object.entries(SHARES)) {
        out.push({ name: `partner-${level}-${onCall ? 'oncall' : 'off'}-${sk}`, relation: 'partner', shares, receive: [level, ...(onCall ? ['oncall'] : [])], personFirst: i % 2 === 0 });
        i += 1;
      }
    }
  }
  return out;
}

/** The things a "receives now: …" phrase names, read back from the words. */
function promisedBy(phrase: string): Set<Thing> {
  const out = new Set<Thing>();
  if (/^nothing/.test(phrase)) return out;
  for (const s of SCOPES) {
    if (s === 'status') continue;
    if (phrase.includes(SCOPE_LABEL[s])) out.add(s);
  }
  if (phrase.includes(SCOPE_LABEL.status)) {
    out.add('status-day');
    out.add('status-relapse');
  }
  if (phrase.includes('relapse notices')) out.add('status-relapse');
  return out;
}

function receivesNow(answer: string, who: 'you' | string): string {
  const re = who === 'you' ? /You (?:will )?receive now: ([^\n]*?)\.(?:\n|$| This)/ : new RegExp(`${who} receives now: ([^\\n]*?)\\.(?:\\n|$| This)`);
  const m = re.exec(answer);
  if (!m) throw new Error(`no "receives now" in: ${answer}`);
  return m[1]!;
}

interface Row {
  key: string;
  topic: string;
  tells_status: string | null;
}

/** What a delivered message about Alice carried, as things a promise names. */
function carried(text: string, row: Row): Thing[] {
  switch (row.topic) {
    case 'missed': case 'escalation': case 'checkin-resumed': return ['alerts'];
    case 'sos': return ['sos'];
    case 'milestone': return ['milestones'];
    case 'status': case 'status-correction': {
      const out: Thing[] = [row.tells_status === 'relapse' ? 'status-relapse' : 'status-day'];
      if (text.includes('Mood:')) out.push('mood');
      if (text.includes(NOTE)) out.push('notes');
      return out;
    }
    case 'supporter-summary': {
      const out: Thing[] = [];
      if (text.includes('Check-ins:')) out.push('status-day');
      if (/mood/i.test(text)) out.push('mood');
      if (text.includes('Days without a check-in')) out.push('alerts');
      return out;
    }
    default: throw new Error(`unexpected message about Alice: ${row.topic}`);
  }
}

interface Outcome {
  c: Case;
  actor: Actor;
  promises: { where: string; phrase: string }[];
  arrived: Set<Thing>;
  topics: string[];
}

let w: World;
const outcomes: Outcome[] = [];

/** Six supporters per person in recovery, so each /links answer fits in one message. */
const PER_PERSON = 6;

beforeAll(async () => {
  w = await createWorld();
  const all = cases();
  const people: { alice: Actor; cases: Case[] }[] = [];
  for (let i = 0; i < all.length; i += PER_PERSON) {
    const alice = w.actor(`Alice${people.length + 1}`);
    await w.onboard(alice, 'recovery');
    people.push({ alice, cases: all.slice(i, i + PER_PERSON) });
  }
  const actors = new Map<string, Actor>();
  const promises = new Map<string, { where: string; phrase: string }[]>(all.map((c) => [c.name, []]));
  for (const { alice, cases: mine } of people) {
    for (const c of mine) {
      const s = w.actor(c.name);
      actors.set(c.name, s);
      await w.onboard(s, c.relation === 'partner' ? 'partner' : 'supporter');
      await w.link(alice, s, c.relation);
    }
    const share = async (c: Case) => {
      if (!c.shares) return;
      const answer = await w.say(alice, `/share ${c.name} ${c.shares}`);
      promises.get(c.name)!.push({ where: '/share', phrase: receivesNow(answer, c.name) });
    };
    const receive = async (c: Case) => {
      for (const r of c.receive) {
        const answer = await w.say(actors.get(c.name)!, `/receive ${r}`);
        promises.get(c.name)!.push({ where: `/receive ${r}`, phrase: receivesNow(answer, 'you') });
      }
    };
    for (const c of mine) {
      if (c.personFirst) {
        await share(c);
        await receive(c);
      } else {
        await receive(c);
        await share(c);
      }
    }
    // /links, on both sides, says the same.
    const aliceLinks = await w.say(alice, '/links');
    for (const c of mine) {
      const block = aliceLinks.split(/\n(?=\d+\. )/).find((b) => b.includes(`. ${c.name} — your ${c.relation}`));
      if (!block) throw new Error(`${c.name} is not in ${alice.name}'s /links: ${aliceLinks}`);
      promises.get(c.name)!.push({ where: `${alice.name}'s /links`, phrase: receivesNow(block, c.name) });
      promises.get(c.name)!.push({ where: 'their /links', phrase: receivesNow(await w.say(actors.get(c.name)!, '/links'), 'you') });
    }
  }
  await w.deliver();
  const before = new Set(w.all());

  // The month. Sober since 4 March: 7 days on the 11th. Relapse on the 19th; 1 and 3 days after it.
  for (const { alice } of people) await w.say(alice, '/sobriety 2026-03-04');
  await liveDays(w, '2026-03-10', 30, async (i) => {
    if (i === 2) return; // a missed day
    for (const { alice } of people) {
      if (i === 4) await w.send(alice, '/sos');
      const status = i === 9 ? 'relapse mood:2' : 'sober mood:4';
      await w.send(alice, `/checkin ${status} note:${NOTE}`);
      await w.send(alice, '/checkin done');
    }
  });

  const rows = new Map((await w.db.selectFrom('outbox').select(['idem_key as key', 'topic', 'tells_status', 'about_id']).execute())
    .map((r) => [r.key, r]));
  for (const { alice, cases: mine } of people) {
    const aliceId = await w.personId(alice);
    for (const c of mine) {
      const actor = actors.get(c.name)!;
      const got = w.inbox(actor.account).filter((d) => !before.has(d) && rows.get(d.key)?.about_id === aliceId);
      const arrived = new Set<Thing>(got.flatMap((d) => carried(d.text, rows.get(d.key)!)));
      outcomes.push({ c, actor, promises: promises.get(c.name)!, arrived, topics: got.map((d) => rows.get(d.key)!.topic) });
    }
  }
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('what each supporter was promised is what arrived, over a month', () => {
  it('covers every relation, partner level, on call or not, and share', () => {
    expect(outcomes).toHaveLength(36);
    // The month produced every kind of news: some supporter received each thing.
    const seen = new Set(outcomes.flatMap((o) => [...o.arrived]));
    expect([...seen].sort()).toEqual(['alerts', 'milestones', 'mood', 'notes', 'sos', 'status-day', 'status-relapse']);
  });

  it('every answer of /share, /receive and /links, on both sides, names exactly what then arrived', () => {
    const broken: string[] = [];
    for (const o of outcomes) {
      // The last answer to a choice (the one that settled the link), and /links on both sides.
      const settled = o.promises.filter((p) => !p.where.includes('/links')).at(-1);
      for (const p of [...(settled ? [settled] : []), ...o.promises.filter((x) => x.where.includes('/links'))]) {
        const promised = [...promisedBy(p.phrase)].sort();
        const got = [...o.arrived].sort();
        if (JSON.stringify(promised) !== JSON.stringify(got)) broken.push(`${o.c.name} — ${p.where} said "${p.phrase}", arrived: ${got.join(', ') || 'nothing'}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('a partner on any level who did not agree to be on call never receives an alert or an SOS, even when both are shared', () => {
    const partners = outcomes.filter((o) => o.c.relation === 'partner' && !o.c.receive.includes('oncall'));
    expect(partners).toHaveLength(12);
    for (const o of partners) {
      expect(o.arrived.has('alerts'), o.c.name).toBe(false);
      expect(o.arrived.has('sos'), o.c.name).toBe(false);
      expect(o.topics.filter((t) => t === 'supporter-summary'), o.c.name).toEqual([]);
    }
    // A partner who agreed, with Alice sharing them, does.
    const onCall = outcomes.find((o) => o.c.name === 'partner-nothing-oncall-all')!;
    expect([...onCall.arrived].sort()).toEqual(['alerts', 'sos']);
  });

  it('a partner on "relapse notices" hears of the relapse and of nothing else', () => {
    for (const o of outcomes.filter((x) => /^partner-relapse-off-(status|all)$/.test(x.c.name))) {
      expect([...o.arrived]).toEqual(['status-relapse']);
      expect(o.topics).toEqual(['status']);
    }
  });

  it('milestones of the counter that restarted reach only those who receive the daily status', () => {
    for (const o of outcomes) {
      const restarted = w.inbox(o.actor.account).filter((d) => /A milestone: (1|3|7) days?, reached (Fri 20|Sun 22|Thu 26) Mar/.test(d.text));
      const getsStatus = o.arrived.has('status-day') && o.arrived.has('milestones');
      expect(restarted.length > 0, o.c.name).toBe(getsStatus);
    }
  });
});
