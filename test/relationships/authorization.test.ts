// Authorization attempts: each is refused with a kind answer and changes nothing — the same
// /export for everyone involved and the same row counts in every table before and after.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCode } from '../../src/domain/invite-code.js';
import { codeIn, createWorld, HOUR, tableCounts, type Actor, type World } from './world.js';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const NOT_VALID = 'That code is not valid: it may have been used already or be older than 24 hours. Ask for a new one.';
const GROUP: { id: string; kind: 'group'; title: string } = { id: 'telegram:-100424242', kind: 'group', title: 'Thursday circle' };

/**
 * Alice (recovery) shares with Bob (sponsor) and Pat (partner); Carol (recovery) shares with
 * Dave (sponsor); Eve has no links. Everyone has been heard from, so /export and row
 * counts are comparable from here on.
 */
async function setUp() {
  const w = await createWorld();
  world = w;
  const [alice, bob, pat, carol, dave, eve] = ['Alice', 'Bob', 'Pat', 'Carol', 'Dave', 'Eve'].map((n) => w.actor(n)) as [Actor, Actor, Actor, Actor, Actor, Actor];
  await w.onboard(alice, 'recovery');
  await w.onboard(carol, 'recovery');
  await w.onboard(pat, 'partner');
  for (const s of [bob, dave, eve]) await w.onboard(s, 'supporter');
  await w.link(alice, bob);
  await w.link(alice, pat, 'partner');
  await w.link(carol, dave);
  await w.deliver();
  const linkId = async (person: Actor, supporter: Actor) => (await w.db.selectFrom('links').select('id')
    .where('person_id', '=', await w.personId(person)).where('supporter_id', '=', await w.personId(supporter)).executeTakeFirstOrThrow()).id;
  const everyone = [alice, bob, pat, carol, dave, eve];

  /** Everything a refusal must leave as it was; code_attempts (the rate limit's own record) is checked apart. */
  const snapshot = async () => {
    const exports: Record<string, unknown> = {};
    for (const a of everyone) {
      const { code_attempts: _attempts, ...rest } = await w.exported(a);
      exports[a.name] = rest;
    }
    const counts = await tableCounts(w.db);
    const attempts = counts.code_attempts ?? 0;
    delete counts.code_attempts;
    return { exports, counts, attempts };
  };
  /** Runs `attempt` and checks it changed nothing (and recorded `failures` failed code attempts). */
  const refusedWithoutChange = async (attempt: () => Promise<string>, answer: string | RegExp, failures = 0) => {
    const before = await snapshot();
    const said = await attempt();
    if (typeof answer === 'string') expect(said).toContain(answer);
    else expect(said).toMatch(answer);
    const after = await snapshot();
    expect(after.exports).toEqual(before.exports);
    expect(after.counts).toEqual(before.counts);
    expect(after.attempts).toBe(before.attempts + failures);
    await w.deliver();
    return said;
  };
  return { w, alice, bob, pat, carol, dave, eve, linkId, snapshot, refusedWithoutChange };
}

describe('invitation codes', () => {
  it('an expired code (24 h + 1 s) is refused', async () => {
    const { w, alice, eve, refusedWithoutChange } = await setUp();
    const code = codeIn(await w.say(alice, '/invite sponsor'));
    w.advance(24 * HOUR + 1_000);
    await refusedWithoutChange(() => w.say(eve, `/accept ${code}`), NOT_VALID, 1);
  });

  it('a code that was used is refused', async () => {
    const { w, alice, dave, eve, refusedWithoutChange } = await setUp();
    const code = codeIn(await w.say(alice, '/invite sponsor'));
    expect(await w.say(eve, `/accept ${code}`)).toContain("You are now Alice's sponsor");
    await w.deliver();
    await refusedWithoutChange(() => w.say(dave, `/accept ${code}`), NOT_VALID, 1);
  });

  it('guessed codes that look valid are refused', async () => {
    const { w, eve, refusedWithoutChange } = await setUp();
    const symbol = fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ');
    await fc.assert(fc.asyncProperty(fc.array(symbol, { minLength: 10, maxLength: 10 }), async (s) => {
      w.advance(HOUR + 1_000); // keep under the redemption limit: each guess is judged on its own
      const guess = `${s.slice(0, 5).join('')}-${s.slice(5).join('')}`;
      await refusedWithoutChange(() => w.say(eve, `/accept ${guess}`), NOT_VALID, 1);
    }), { numRuns: 8 });
    // And one made exactly like real codes are, but never issued.
    await refusedWithoutChange(() => w.say(eve, `/accept ${makeCode((n) => randomBytes(n))}`), NOT_VALID, 1);
  });

  it('after five wrong codes in an hour the sixth is refused even when right, for that account only, until the hour is over', async () => {
    const { w, alice, carol, eve, bob, refusedWithoutChange } = await setUp();
    const code = codeIn(await w.say(alice, '/invite sponsor'));
    const first = w.bot.clock.now().getTime();
    for (let i = 0; i < 5; i += 1) {
      await refusedWithoutChange(() => w.say(eve, `/accept ${makeCode((n) => randomBytes(n))}`), NOT_VALID, 1);
      w.advance(60_000);
    }
    const tooMany = 'Too many codes that did not work. Please wait an hour';
    await refusedWithoutChange(() => w.say(eve, `/accept ${code}`), tooMany, 0);
    // Bob, on another account, is not slowed down by Eve's guesses.
    const carols = codeIn(await w.say(carol, '/invite coach'));
    expect(await w.say(bob, `/accept ${carols}`)).toContain("You are now Carol's coach");
    w.at(new Date(first + HOUR - 60_000));
    await refusedWithoutChange(() => w.say(eve, `/accept ${code}`), tooMany, 0);
    w.at(new Date(first + HOUR + 1_000));
    expect(await w.say(eve, `/accept ${code}`)).toContain("You are now Alice's sponsor");
  });

  it('accepting one’s own code is refused, and the code still works for the person it was meant for', async () => {
    const { w, alice, eve, refusedWithoutChange } = await setUp();
    const code = codeIn(await w.say(alice, '/invite sponsor'));
    await refusedWithoutChange(() => w.say(alice, `/accept ${code}`), 'That is your own code');
    expect(await w.say(eve, `/accept ${code}`)).toContain("You are now Alice's sponsor");
  });
});

describe('acting on a link one is not part of', () => {
  it('/share, /unlink and /reachout naming another pair’s link, a name or a number beyond /links are refused', async () => {
    const { w, alice, bob, dave, eve, linkId, refusedWithoutChange } = await setUp();
    const theirs = await linkId(alice, bob);
    const notFound = /I couldn't find that link|You have no links yet/;
    for (const [who, command] of [
      [dave, `/share ${theirs} alerts,sos,milestones,status,mood,notes`],
      [dave, `/unlink ${theirs}`],
      [dave, `/reachout ${theirs}`],
      [dave, '/share Alice notes'],
      [dave, '/unlink Alice'],
      [dave, '/reachout Alice'],
      [dave, '/share 2 notes'],
      [dave, '/unlink 7'],
      [dave, '/reachout 999'],
      [eve, `/unlink ${theirs}`],
      [eve, `/reachout ${theirs}`],
      [eve, '/share 1 notes'],
    ] as const) {
      await refusedWithoutChange(() => w.say(who, command), notFound);
    }
  });

  it('a supporter cannot widen what they receive, and the person sharing cannot answer as a supporter', async () => {
    const { w, alice, bob, refusedWithoutChange } = await setUp();
    await refusedWithoutChange(() => w.say(bob, '/share Alice notes,mood,status'), 'Alice decides what they share with you');
    await refusedWithoutChange(() => w.say(bob, '/share 1 notes'), 'Alice decides what they share with you');
    await refusedWithoutChange(() => w.say(alice, '/reachout Bob'), 'This is for answering someone you support');
  });

  it('/receive sets only the caller’s own half: a sponsor asking for everything receives no more than is shared', async () => {
    const { w, alice, bob } = await setUp();
    expect(await w.say(bob, '/receive full')).toContain('You will receive now: missed check-in alerts, SOS calls and milestone news.');
    const link = await w.db.selectFrom('links').select('scopes').where('person_id', '=', await w.personId(alice))
      .where('supporter_id', '=', await w.personId(bob)).executeTakeFirstOrThrow();
    expect(link.scopes).toBe('alerts,sos,milestones');
  });

  it('/receive and /ready on a link where one is not the receiver (or not the partner) are refused', async () => {
    const { w, alice, bob, pat, dave, linkId, refusedWithoutChange } = await setUp();
    const partnerLink = await linkId(alice, pat);
    const sponsorLink = await linkId(alice, bob);
    await refusedWithoutChange(() => w.say(bob, `/receive oncall ${sponsorLink}`), /As Alice's sponsor, you receive SOS calls and alerts whenever they share them/);
    await refusedWithoutChange(() => w.say(bob, '/ready'), 'you are not linked as anyone\'s partner');
    await refusedWithoutChange(() => w.say(dave, `/receive full ${partnerLink}`), /I couldn't find that link/);
    await refusedWithoutChange(() => w.say(dave, `/ready on ${partnerLink}`), /I couldn't find that link/);
    // Alice shares through the partner link; what Pat receives is Pat's choice, not hers.
    await refusedWithoutChange(() => w.say(alice, `/receive full ${partnerLink}`), 'That link is one where you share');
    await refusedWithoutChange(() => w.say(alice, '/ready'), 'you are not linked as anyone\'s partner');
  });
});

describe('exports', () => {
  it('one person’s /export holds none of a linked person’s notes, names or ids — only the relation and scopes', async () => {
    const { w, alice, bob } = await setUp();
    const bobNamed = w.actor('Bartholomew', bob.account);
    await w.say(bobNamed, '/checkin mood:2 feeling:weary note:BOB-PRIVATE-NOTE');
    await w.say(bobNamed, '/goal add BOB-PRIVATE-GOAL');
    await w.say(bobNamed, '/boundary add BOB-PRIVATE-BOUNDARY');
    // Bob receives Alice's notes, so her note is in the outbox on its way to him.
    await w.say(alice, '/share Bob alerts,sos,milestones,status,mood,notes');
    await w.say(alice, '/checkin sober mood:4 note:ALICE-PRIVATE-NOTE');
    await w.say(alice, '/checkin done');
    await w.say(alice, '/circles inner ALICE-PRIVATE-CIRCLE');
    await w.deliver();
    expect(w.inbox(bob.account).some((d) => d.text.includes('ALICE-PRIVATE-NOTE'))).toBe(true);

    const bobId = await w.personId(bob);
    const aliceId = await w.personId(alice);
    const aliceExport = JSON.stringify(await w.exported(alice));
    const bobExport = JSON.stringify(await w.exported(bob));
    expect(aliceExport).toContain('ALICE-PRIVATE-NOTE');
    expect(bobExport).toContain('BOB-PRIVATE-NOTE');
    for (const bobs of ['BOB-PRIVATE', 'Bartholomew', 'weary', bobId, bob.account]) expect(aliceExport).not.toContain(bobs);
    for (const alices of ['ALICE-PRIVATE', aliceId, alice.account]) expect(bobExport).not.toContain(alices);

    const links = (JSON.parse(aliceExport) as { links: Record<string, unknown>[] }).links;
    const toBob = links.find((l) => l.side === 'you share' && l.relation === 'sponsor')!;
    expect(Object.keys(toBob).sort()).toEqual(['created_at', 'ended_at', 'id', 'on_call', 'partner_level', 'ready', 'receiving_paused', 'relation', 'scopes', 'side', 'wants']);
    expect(toBob.scopes).toEqual(['alerts', 'sos', 'milestones', 'status', 'mood', 'notes']);
    const fromAlice = (JSON.parse(bobExport) as { links: Record<string, unknown>[] }).links;
    expect(fromAlice).toMatchObject([{ side: 'you support', relation: 'sponsor' }]);
  });
});

describe('groups', () => {
  it('/group setup by someone who is not an admin of the group is refused', async () => {
    const { w, eve, refusedWithoutChange } = await setUp();
    await refusedWithoutChange(() => w.say(eve, '/group setup 20:00', { chat: GROUP, senderIsGroupAdmin: false }), 'Only an admin of this group can set it up');
    await refusedWithoutChange(() => w.say(eve, '/group setup 20:00', { chat: GROUP }), 'Only an admin of this group can set it up');
    // An admin flag on a private chat means nothing: setup works only in a group.
    await refusedWithoutChange(() => w.say(eve, '/group setup 20:00', { senderIsGroupAdmin: true }), /group chat/);
    expect(await w.db.selectFrom('groups').selectAll().execute()).toEqual([]);
    // The same person, confirmed as admin by the adapter, can.
    expect(await w.say(eve, '/group setup 20:00', { chat: GROUP, senderIsGroupAdmin: true })).toContain('This is now an accountability group');
  });
});
