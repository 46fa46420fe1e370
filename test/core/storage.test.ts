// Storage on a real SQLite file: schema from empty, survival across restarts, the pragmas the
// bot relies on, complete erasure on /delete, and no readable private text on disk with a key.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { openDatabase } from '../../src/store/database.js';
import { accountOf, createTestBot, daysBefore, tempDir, type TestBot } from '../helpers/core-harness.js';

const TODAY = '2026-03-10';
const NOON = `${TODAY}T12:00:00Z`;
const KEY = Buffer.alloc(32, 0x5a);

const EXPECTED_TABLES = [
  'accounts', 'boundaries', 'checkins', 'circles', 'encouragement_seen', 'goals', 'milestones', 'people',
  'processed_events', 'sobriety_periods',
];

/** Tables a person's own commands fill today (links and the like need a second person's consent). */
const FILLED_BY_COMMANDS = [
  'people', 'accounts', 'checkins', 'sobriety_periods', 'circles', 'milestones', 'encouragement_seen', 'goals', 'boundaries',
];

const cleanup: string[] = [];
const bots: TestBot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.close({ keepFiles: true }).catch(() => undefined);
  for (const d of cleanup.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function bot(opts: Parameters<typeof createTestBot>[0] = {}): Promise<TestBot> {
  const b = await createTestBot({ at: NOON, ...opts });
  bots.push(b);
  if (b.dir) cleanup.push(b.dir);
  return b;
}

/** A read-only look at the file with SQLite itself, independent of the code under test. */
function inspect<T>(file: string, fn: (db: SQLite.Database) => T): T {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function userTables(db: SQLite.Database): string[] {
  return (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[])
    .map((r) => r.name);
}

/** Rows, per table and column, whose value contains `needle` anywhere (ids inside JSON too). */
function rowsMentioning(db: SQLite.Database, needle: string): string[] {
  const hits: string[] = [];
  for (const table of userTables(db)) {
    const columns = (db.prepare(`pragma table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    for (const column of columns) {
      const { n } = db.prepare(`select count(*) as n from "${table}" where instr(cast("${column}" as text), ?) > 0`).get(needle) as { n: number };
      if (n > 0) hits.push(`${table}.${column} (${n})`);
    }
  }
  return hits;
}

function rowCounts(db: SQLite.Database, personId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of userTables(db)) {
    const columns = (db.prepare(`pragma table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    const owner = columns.includes('person_id') ? 'person_id' : table === 'people' ? 'id' : null;
    if (owner) out[table] = (db.prepare(`select count(*) as n from "${table}" where "${owner}" = ?`).get(personId) as { n: number }).n;
  }
  return out;
}

/** Whether the text is in the raw bytes of the database file or its write-ahead log. */
function onDisk(file: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return [file, `${file}-wal`].filter((p) => existsSync(p) && readFileSync(p).includes(needle));
}

/** Gives a person a row in every table that holds someone's data. */
async function fillEverything(b: TestBot, as: string, secret: string) {
  await b.onboard(as, 'recovery', 'Europe/Berlin');
  await b.say(as, `/sobriety ${daysBefore(TODAY, 8)}`);
  await b.say(as, `/checkin sober mood:4 feeling:${secret}-feeling did:meeting note:${secret}-note about the evening`);
  await b.say(as, `/circles inner ${secret}-inner`);
  await b.say(as, `/goal add ${secret}-goal`);
  await b.say(as, `/boundary add ${secret}-boundary`);
}

describe('schema', () => {
  it('migrations create every table in an empty file, and running them again changes nothing', async () => {
    const dir = tempDir();
    cleanup.push(dir);
    const file = join(dir, 'nested', 'fresh.db');
    const db = await openDatabase({ kind: 'sqlite', file });
    await db.destroy();
    const tables = inspect(file, userTables);
    for (const t of EXPECTED_TABLES) expect(tables).toContain(t);
    const applied = inspect(file, (db) => (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name));
    expect(applied).toEqual(Object.keys(migrations).sort());

    const again = await openDatabase({ kind: 'sqlite', file });
    await again.destroy();
    expect(inspect(file, userTables)).toEqual(tables);
  });

  it('the file is in WAL mode and the bot\'s connection enforces foreign keys', async () => {
    const b = await bot();
    await b.onboard('ada', 'recovery');
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(b.db);
    expect(mode.rows[0]!.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(b.db);
    expect(fk.rows[0]!.foreign_keys).toBe(1);
    // Enforced, not just reported: a check-in for nobody is refused.
    await expect(sql`insert into checkins (person_id, local_date, zone, healing_work, created_at, updated_at)
      values ('no-such-person', ${TODAY}, 'UTC', '', ${NOON}, ${NOON})`.execute(b.db)).rejects.toThrow(/FOREIGN KEY/);
    // WAL is a property of the file: a separate connection sees it too.
    expect(inspect(b.file!, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    expect(existsSync(`${b.file}-wal`)).toBe(true);
  });
});

describe('restarts', () => {
  it('a new core on the same file sees the check-in and the sobriety date', async () => {
    const first = await bot();
    await first.onboard('ada', 'recovery', 'Europe/Berlin');
    await first.say('ada', `/sobriety ${daysBefore(TODAY, 12)}`);
    await first.say('ada', '/checkin sober mood:4 note:survives a restart');
    const before = await first.exported('ada');
    await first.close({ keepFiles: true });
    bots.splice(bots.indexOf(first), 1);

    const second = await bot({ storage: { kind: 'sqlite', file: first.file! }, at: `${TODAY}T18:00:00Z` });
    const progress = await second.say('ada', '/progress');
    expect(progress).toContain(`Sober: 12 days (since ${daysBefore(TODAY, 12)})`);
    expect(progress).toContain('Check-in streak: 1 day');
    expect(await second.say('ada', '/checkin mood:5')).toMatch(/^Updated your check-in for Tue 10 Mar/);
    const after = await second.exported('ada');
    const who = (p: Record<string, unknown>) => ({ id: p.id, role: p.role, timezone: p.timezone, joined_on: p.joined_on });
    expect(who(after.person)).toEqual(who(before.person));
    expect(after.checkins).toHaveLength(1);
    expect(after.checkins[0]).toMatchObject({ note: 'survives a restart', mood: 5, status: 'sober' });
  });
});

describe('/delete confirm', () => {
  it.each([{ label: 'no data key', key: null }, { label: 'a data key', key: KEY }])('leaves no row naming the person in any table, and keeps everyone else\'s ($label)', async ({ key }) => {
    const b = await bot({ dataKey: key });
    await fillEverything(b, 'alice', 'ALICE-SECRET');
    await fillEverything(b, 'bob', 'BOB-SECRET');
    const aliceId = (await b.exported('alice')).person.id as string;
    const bobId = (await b.exported('bob')).person.id as string;
    const bobBefore = await b.exported('bob');

    // Alice has rows in every table her own commands fill, so the check below means something.
    const aliceRows = inspect(b.file!, (db) => rowCounts(db, aliceId));
    for (const table of FILLED_BY_COMMANDS) expect(aliceRows[table], table).toBeGreaterThan(0);
    const bobRows = inspect(b.file!, (db) => rowCounts(db, bobId));

    expect(await b.say('alice', '/delete')).toMatch(/send \/delete confirm/);
    expect(inspect(b.file!, (db) => rowsMentioning(db, aliceId)).length).toBeGreaterThan(0);
    expect(await b.say('alice', '/delete confirm')).toMatch(/Everything is erased/);

    inspect(b.file!, (db) => {
      expect(rowsMentioning(db, aliceId)).toEqual([]);
      expect(rowsMentioning(db, accountOf('alice'))).toEqual([]);
      expect(rowsMentioning(db, 'ALICE-SECRET')).toEqual([]);
      expect(rowCounts(db, bobId)).toEqual(bobRows);
    });
    expect(await b.exported('bob')).toEqual(bobBefore);
  });
});

describe('free text on disk', () => {
  it('with a data key, notes, feelings, goals, boundaries and circles never appear in the raw file or its WAL', async () => {
    const b = await bot({ dataKey: KEY });
    await fillEverything(b, 'ada', 'PLANTED-7QX');
    // Readable to the person…
    expect((await b.exported('ada')).checkins[0].note).toBe('PLANTED-7QX-note about the evening');
    // …but not on disk, neither in the log nor in the file after a checkpoint.
    expect(existsSync(`${b.file}-wal`)).toBe(true);
    for (const part of ['PLANTED-7QX', 'about the evening']) expect(onDisk(b.file!, part)).toEqual([]);
    await b.close({ keepFiles: true });
    bots.splice(bots.indexOf(b), 1);
    for (const part of ['PLANTED-7QX', 'about the evening']) expect(onDisk(b.file!, part)).toEqual([]);
  });

  it('without a key the text is stored as written (so the scan above can see it), and /delete removes it', async () => {
    const b = await bot();
    await fillEverything(b, 'ada', 'PLANTED-7QX');
    expect(onDisk(b.file!, 'PLANTED-7QX-note').length).toBeGreaterThan(0);
    expect(inspect(b.file!, (db) => rowsMentioning(db, 'PLANTED-7QX')).length).toBeGreaterThanOrEqual(5);

    await b.say('ada', '/delete confirm');
    expect(inspect(b.file!, (db) => rowsMentioning(db, 'PLANTED-7QX'))).toEqual([]);
  });

  it('without a key, after /delete confirm and a restart, the note is gone from the raw file too', async () => {
    const b = await bot();
    await fillEverything(b, 'ada', 'PLANTED-7QX');
    await b.say('ada', '/delete confirm');
    await b.close({ keepFiles: true });
    bots.splice(bots.indexOf(b), 1);
    expect(onDisk(b.file!, 'PLANTED-7QX')).toEqual([]);
  });
});
