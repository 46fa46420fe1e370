// Data protection: with STEADFAST_DATA_KEY set, planted free text (a note, a goal, a
// boundary, a circle, a FANOS answer — and the note quoted in a status message to a
// sponsor) never appears in the raw bytes of the SQLite file or its WAL, nor in the logs;
// after /delete it is gone from every table, and linked people hear only that the link ended.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_SCOPES, codeIn, createWorld, openedDump, personColumns, type Actor, type World } from './world.js';
import { sql } from 'kysely';

const PLANTED = {
  note: 'PLANTED-NOTE-kestrel-4471',
  goal: 'PLANTED-GOAL-heron-8812',
  boundary: 'PLANTED-BOUNDARY-osprey-2290',
  circle: 'PLANTED-CIRCLE-plover-6603',
  fanos: 'PLANTED-FANOS-avocet-5150',
};
const GROUP = { id: 'telegram:-100999', kind: 'group' as const, title: 'Friday group' };

let world: World | null = null;
let keptDir: string | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
  if (keptDir) rmSync(keptDir, { recursive: true, force: true });
  keptDir = null;
});

/**
 * Alice plants every kind of free text; Sam, her sponsor, receives her notes; Pat, her
 * partner, is ready for FANOS and both write one. Logs go to memory at level trace.
 */
async function plant(dataKey: Buffer | null) {
  const logLines: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { logLines.push(chunk.toString('utf8')); done(); } });
  const w = await createWorld({ storage: 'sqlite-file', dataKey, log: pino({ level: 'trace' }, stream) });
  world = w;
  const alice = w.actor('Alice');
  const sam = w.actor('Sam');
  const pat = w.actor('Pat');
  const gail = w.actor('Gail', 'telegram:300');
  await w.onboard(alice, 'recovery');
  await w.onboard(sam, 'supporter');
  await w.onboard(pat, 'partner');
  await w.link(alice, sam);
  await w.link(alice, pat, 'partner');
  await w.say(alice, `/share Sam ${ALL_SCOPES}`);
  await w.say(gail, '/group setup 20:00', { chat: GROUP, senderIsGroupAdmin: true });
  // A second account of hers, joined with /link: /delete must take it too.
  expect(await w.say(w.actor('Alice', 'telegram:101'), `/link ${codeIn(await w.say(alice, '/link'))}`)).toContain('now joined');
  await w.say(alice, '/group join', { chat: GROUP });
  await w.say(alice, '/group celebrate on', { chat: GROUP });

  expect(await w.say(alice, `/goal add ${PLANTED.goal}`)).not.toMatch(/expected|could not/i);
  expect(await w.say(alice, `/boundary add ${PLANTED.boundary}`)).not.toMatch(/expected|could not/i);
  expect(await w.say(alice, `/circles inner ${PLANTED.circle}`)).not.toMatch(/expected|could not/i);
  expect(await w.say(alice, `/checkin sober mood:3 note:${PLANTED.note}`)).toContain('private note saved');
  await w.say(alice, '/checkin done');
  await w.say(alice, '/sobriety 2026-03-03');

  expect(await w.say(pat, '/ready')).toContain('Shared features are open');
  for (const who of [alice, pat]) {
    await w.say(who, '/fanos');
    for (let step = 0; step < 5; step += 1) await w.say(who, who === alice ? `${PLANTED.fanos} ${step}` : `pat answer ${step}`);
    await w.say(who, '/fanos share');
  }
  await w.deliver();
  // The note travelled, sealed in the outbox, to Sam; both FANOS answers were shared, and Pat opened them.
  expect(w.inbox(sam.account).some((d) => d.text.includes(PLANTED.note))).toBe(true);
  expect(await w.say(pat, '/fanos open')).toContain(PLANTED.fanos);
  return { w, alice, sam, pat, logLines };
}

function rawFiles(w: World): { name: string; bytes: Buffer }[] {
  const file = w.bot.file!;
  return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => ({ name: f, bytes: readFileSync(f) }));
}

function plantedIn(bytes: Buffer | string): string[] {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
  return Object.entries(PLANTED).filter(([, v]) => text.includes(v)).map(([k]) => k);
}

describe('free text at rest', () => {
  it('without a key the planted text is readable in the raw files (so the scan below can see it)', async () => {
    const { w } = await plant(null);
    const found = new Set(rawFiles(w).flatMap((f) => plantedIn(f.bytes)));
    expect([...found].sort()).toEqual(Object.keys(PLANTED).sort());
  });

  it('with STEADFAST_DATA_KEY, none of it is in the SQLite file or its WAL, while open and after close', async () => {
    const { w } = await plant(randomBytes(32));
    const open = rawFiles(w);
    expect(open.map((f) => f.name.endsWith('-wal'))).toContain(true);
    expect(open.reduce((n, f) => n + f.bytes.length, 0)).toBeGreaterThan(0);
    for (const f of open) expect({ file: f.name, planted: plantedIn(f.bytes) }).toEqual({ file: f.name, planted: [] });
    // The outbox payload of the status message that quotes the note is sealed too.
    const status = await w.db.selectFrom('outbox').select('payload').where('topic', '=', 'status').execute();
    expect(status.length).toBeGreaterThan(0);
    for (const r of status) expect(r.payload.startsWith('gcm2:') || r.payload === '').toBe(true);
    // Delivered, so its text is gone; the note only ever travelled sealed.
    expect(status.every((r) => r.payload === '')).toBe(true);

    await w.bot.close({ keepFiles: true });
    keptDir = w.bot.dir;
    world = null;
    const closed = rawFiles(w);
    expect(closed.length).toBeGreaterThan(0);
    for (const f of closed) expect({ file: f.name, planted: plantedIn(f.bytes) }).toEqual({ file: f.name, planted: [] });
  });

  it('never writes the planted text to the logs, even at level trace', async () => {
    const { w, alice, logLines } = await plant(randomBytes(32));
    await w.say(alice, '/export');
    await w.say(alice, '/delete confirm');
    await w.deliver();
    expect(logLines.length).toBeGreaterThan(20);
    expect(plantedIn(logLines.join(''))).toEqual([]);
  });
});

describe('/delete', () => {
  async function deleted() {
    const planted = await plant(randomBytes(32));
    const { w, alice } = planted;
    const aliceId = await w.personId(alice);
    expect(await w.say(alice, '/delete')).toContain('/delete confirm');
    expect(await w.say(alice, '/delete confirm')).toContain('Everything is erased');
    await w.deliver();
    return { ...planted, aliceId };
  }

  it('removes every row naming the person, from every table', async () => {
    const { w, aliceId } = await deleted();
    const columns = [...await personColumns(w.db), { table: 'people', column: 'id' }];
    expect(columns.length).toBeGreaterThan(10);
    const left: string[] = [];
    for (const { table, column } of columns) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${aliceId}`.execute(w.db);
      if (Number(r.rows[0]!.n) > 0) left.push(`${table}.${column}`);
    }
    expect(left).toEqual([]);
    expect(await w.db.selectFrom('accounts').select('id').where('id', 'in', ['console:alice', 'telegram:101']).execute()).toEqual([]);
  });

  it('leaves no note, goal, boundary or circle of hers in any table, even with the key', async () => {
    const { w } = await deleted();
    const dump = await openedDump(w.db, w.seal);
    const found = Object.entries(dump).flatMap(([table, rows]) => plantedIn(rows).filter((p) => p !== 'fanos').map((p) => `${p} in ${table}`));
    expect(found).toEqual([]);
  });

  it('leaves none of her FANOS answers and not her id in any table, even with the key', async () => {
    const { w, aliceId } = await deleted();
    const dump = await openedDump(w.db, w.seal);
    const found = Object.entries(dump).flatMap(([table, rows]) => [
      ...plantedIn(rows).map((p) => `${p} in ${table}`),
      ...(rows.includes(aliceId) ? [`her id in ${table}`] : []),
    ]);
    expect(found).toEqual([]);
  });

  it('tells her sponsor and her partner only that the link ended', async () => {
    const { w, sam, pat } = await deleted();
    for (const who of [sam, pat] as Actor[]) {
      const last = w.inbox(who.account).filter((d) => d.text.includes('Alice')).at(-1)!;
      expect(last.text).toBe('Your link with Alice has ended.');
    }
    expect(await w.say(sam, '/links')).toContain('You are not linked with anyone yet');
  });
});
