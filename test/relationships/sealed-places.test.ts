// Someone who can write to the database but has no key: a ciphertext moved to another row,
// person or chat does not open there, and text that is not sealed is not taken as it stands.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { QUIET_PERIOD_MS } from '../../src/services/share-checkin.js';
import { ALL_SCOPES, createWorld, type World } from './world.js';

describeEachDatabase('sealed text bound to its place', (target) => {
  let world: World | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await world?.close();
    await cleanup?.();
    world = null;
    cleanup = null;
  });

  async function setUp() {
    const place = await target.storage();
    cleanup = place.cleanup;
    const logs: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write(c: Buffer, _e, done) { logs.push(c.toString()); done(); } }));
    const w = await createWorld({ storage: place.storage, dataKey: randomBytes(32), log });
    world = w;
    const alice = w.actor('Alice');
    const bo = w.actor('Bo');
    const sam = w.actor('Sam');
    const eve = w.actor('Eve');
    for (const p of [alice, bo]) await w.onboard(p, 'recovery');
    for (const p of [sam, eve]) await w.onboard(p, 'supporter');
    return { w, alice, bo, sam, eve, logs };
  }

  it('a goal copied to another person\'s row, or to another row of hers, is refused there', async () => {
    const { w, alice, bo, logs } = await setUp();
    await w.say(alice, '/goal add ALICE-SECRET-GOAL');
    await w.say(alice, '/goal add her second goal');
    await w.say(bo, '/goal add a goal of his own');
    const goals = await w.db.selectFrom('goals').select(['id', 'person_id', 'text', 'created_at']).orderBy('created_at').execute();
    const [first, second] = goals.filter((g) => g.person_id === goals[0]!.person_id);
    const bos = goals.find((g) => g.person_id !== first!.person_id)!;

    await w.db.updateTable('goals').set({ text: first!.text }).where('id', '=', bos.id).execute();
    const seen = await w.say(bo, '/goals');
    expect(seen).not.toContain('ALICE-SECRET-GOAL');
    expect(seen).toContain('something went wrong');

    await w.db.updateTable('goals').set({ text: first!.text }).where('id', '=', second!.id).execute();
    expect(await w.say(alice, '/goals')).not.toContain('ALICE-SECRET-GOAL');
    // The log says what failed, never what was written.
    expect(logs.join('')).toContain('does not open with the data key');
    expect(logs.join('')).not.toContain('ALICE-SECRET');
  });

  it('text that is not sealed is refused once there is a key, not taken as it stands', async () => {
    const { w, alice } = await setUp();
    const id = await w.personId(alice);
    await w.db.insertInto('boundaries').values({ id: 'planted', person_id: id, text: 'PLANTED-IN-CLEAR', created_at: '2026-03-10T12:00:00.000Z' }).execute();
    expect(await w.say(alice, '/boundaries')).not.toContain('PLANTED-IN-CLEAR');
  });

  it('a waiting message pointed at another chat is never sent, and the queue goes on', async () => {
    const { w, alice, sam, eve } = await setUp();
    await w.link(alice, sam);
    await w.say(alice, `/share Sam ${ALL_SCOPES}`);
    await w.deliver();
    await w.say(alice, '/checkin sober mood:4 note:ALICE-NOTE-FOR-SAM');
    w.advance(QUIET_PERIOD_MS + 60_000); // shared once the check-in has been left alone a while
    const status = await w.db.selectFrom('outbox').select(['id']).where('topic', '=', 'status').where('status', '=', 'queued').executeTakeFirstOrThrow();
    await w.db.updateTable('outbox').set({ chat_id: eve.account, recipient_id: await w.personId(eve) }).where('id', '=', status.id).execute();
    await w.say(eve, '/help'); // something else queued behind it
    await w.deliver();
    expect(w.inbox(eve.account).map((d) => d.text).join('\n')).not.toContain('ALICE-NOTE');
    expect(w.inbox(sam.account).map((d) => d.text).join('\n')).not.toContain('ALICE-NOTE');
    const row = await w.db.selectFrom('outbox').select(['status', 'last_error']).where('id', '=', status.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', last_error: 'unreadable: unreadable' });
  });
});
