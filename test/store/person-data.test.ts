// The registry of person data against the live schema (SQLite and PostgreSQL), and /delete,
// /export and /link derived from it: a table that names a person cannot be missed by any of them.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { reply } from '../../src/ports/reply.js';
import { addBoundary, listBoundaries, shareBoundary } from '../../src/store/boundaries.js';
import { saveCheckin } from '../../src/store/checkins.js';
import { addCircleEntry } from '../../src/store/circles.js';
import type { Db } from '../../src/store/database.js';
import { markSeen } from '../../src/store/encouragement-seen.js';
import { saveFanosAnswers } from '../../src/store/fanos.js';
import { rememberMoment } from '../../src/store/heavy-moments.js';
import { addGoal } from '../../src/store/goals.js';
import { joinGroup, saveGroup } from '../../src/store/groups.js';
import { createInvite, recordFailedAttempt } from '../../src/store/invites.js';
import { createLink } from '../../src/store/links.js';
import { markMilestone } from '../../src/store/milestones.js';
import { enqueueMessage } from '../../src/store/outbox.js';
import { createPerson } from '../../src/store/people.js';
import { deletePerson, exportPersonRows, hasOwnHistory, joinAccountTo } from '../../src/store/person-data.js';
import { PERSON_TABLES } from '../../src/store/person-registry.js';
import { claimEvent } from '../../src/store/processed-events.js';
import { createTextSeal, type TextSeal } from '../../src/store/sealed-text.js';
import { startPeriod } from '../../src/store/sobriety-periods.js';
import { describeEachDatabase, useDatabase, type ColumnRow, type TestDatabase } from '../helpers/databases.js';

const seal = createTextSeal(randomBytes(32));
const NOW = new Date('2026-03-02T20:00:00.000Z');
const d = (s: string) => s as LocalDate;

/** Names that say a column holds a person, an account or a chat, whatever a table calls itself. */
const NAMING = /(^|_)(person|people|supporter|recipient|about|account|user|member|owner|sender|partner|chat)(_id)?$|^created_by$/;

/** Every column of the live schema that names a person or an account: by its foreign key, or by its name. */
async function namingColumns(current: TestDatabase): Promise<ColumnRow[]> {
  const fks = await current.foreignKeys();
  const out: ColumnRow[] = [];
  for (const [table, columns] of await current.tableColumns()) {
    for (const column of columns) {
      const fk = fks.find((f) => f.table_name === table && f.column_name === column);
      if (NAMING.test(column) || fk?.references === 'people' || fk?.references === 'accounts') out.push({ table_name: table, column_name: column });
    }
  }
  return out;
}

/** A person with a row in every table of the registry that holds a person's data; their words carry their name. */
async function personWithEverything(db: Db, s: TextSeal, name: string): Promise<string> {
  const { id } = await createPerson(db, {
    account: `console:${name}`, displayName: name, timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay,
    joinedOn: d('2026-03-01'), now: NOW,
  });
  await saveCheckin(db, s, id, {
    localDate: d('2026-03-02'), zone: 'UTC' as TimeZone, status: 'relapse', mood: 3, feeling: `${name} feeling`,
    healingWork: ['meeting'], safe: null, note: `${name} note`, at: NOW,
  });
  await startPeriod(db, id, d('2026-03-01'), NOW);
  await addCircleEntry(db, s, id, { circle: 'inner', text: `${name} circle` }, NOW);
  await markMilestone(db, id, 'sobriety', '2026-03-01', 1, true, NOW);
  await markSeen(db, id, 'good-day-1', NOW);
  await rememberMoment(db, s, id, d('2026-03-02'), 'self-harm', 0, NOW);
  await addGoal(db, s, id, `${name} goal`, null, NOW);
  await addBoundary(db, s, id, `${name} boundary`, NOW);
  await createInvite(db, { codeHash: `hash-${name}`, personId: id, relation: 'sponsor', expiresAt: NOW }, NOW);
  await recordFailedAttempt(db, `console:${name}`, NOW);
  // A group of their own, and a partner link of their own with a shared boundary and a FANOS entry, so every table has a row.
  await saveGroup(db, { id: `console:group-${name}`, title: null, timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay, createdBy: id, nextPromptAt: null, nextRollcallAt: null }, NOW);
  await joinGroup(db, `console:group-${name}`, id, NOW);
  const link = await createLink(db, { personId: id, supporterId: id, relation: 'partner', scopes: [] }, NOW);
  await shareBoundary(db, (await listBoundaries(db, s, id))[0]!.id, link.id, NOW);
  await saveFanosAnswers(db, s, { linkId: link.id, personId: id, round: '2026-W09', answers: { feelings: `${name} fanos` } }, NOW);
  // A relapse notice about them, held for its window: not sent yet.
  await enqueueMessage(db, s, {
    key: `held:${name}`, topic: 'status', to: { chatId: `console:${name}`, kind: 'dm' }, recipientId: id, aboutId: id,
    reportsRelapse: true, needs: ['status'], reply: reply(`${name} held news`), notBefore: new Date(NOW.getTime() + 86_400_000),
  }, NOW);
  return id;
}

async function rowsNaming(db: Db, columns: ColumnRow[], values: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table_name, column_name } of columns) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table_name)} where ${sql.ref(column_name)} in (${sql.join(values)})`
      .execute(db);
    counts[`${table_name}.${column_name}`] = Number(r.rows[0]?.n);
  }
  return counts;
}

describeEachDatabase('the registry of person data', (target) => {
  const t = useDatabase(target);

  it('declares every table of the live schema, and every column that names a person, an account or a chat', async () => {
    const tables = await t.current.tableColumns();
    const registered = new Map(PERSON_TABLES.map((e) => [e.table as string, e]));
    expect([...tables.keys()].filter((table) => !registered.has(table)), 'tables missing from src/store/person-registry.ts').toEqual([]);
    expect([...registered.keys()].filter((table) => !tables.has(table)), 'registered tables the schema does not have').toEqual([]);
    const undeclared = (await namingColumns(t.current))
      .filter((c) => !registered.get(c.table_name)!.names.includes(c.column_name))
      .map((c) => `${c.table_name}.${c.column_name}`);
    expect(undeclared, 'columns naming a person or an account that the registry does not declare').toEqual([]);
    for (const e of PERSON_TABLES) {
      for (const column of [...e.names, ...(e.sealed?.columns ?? []), ...(e.sealed?.key ?? [])]) expect(tables.get(e.table), `${e.table}.${column}`).toContain(column);
      if (e.belongs.kind === 'nobody') expect(e.names, `${e.table} belongs to nobody but names someone`).toEqual([]);
    }
  });

  it('exports every registered table of the person, held messages included, words opened, and nobody else\'s', async () => {
    const alex = await personWithEverything(t.db, seal, 'alex');
    await personWithEverything(t.db, seal, 'blair');
    const exported = await exportPersonRows(t.db, seal, alex) as Record<string, unknown>;
    expect((exported.person as { id: string }).id).toBe(alex);
    for (const e of PERSON_TABLES.filter((x) => x.export !== 'none' && x.table !== 'people')) {
      expect(exported[e.table], e.table).toBeInstanceOf(Array);
      expect((exported[e.table] as unknown[]).length, e.table).toBeGreaterThan(0);
    }
    expect(PERSON_TABLES.filter((x) => x.export === 'none').every((x) => !(x.table in exported))).toBe(true);
    expect(exported.outbox).toEqual([expect.objectContaining({ topic: 'status', status: 'queued', about: 'you', text: 'alex held news' })]);
    expect(exported.checkins).toEqual([expect.objectContaining({ status: 'relapse', mood: 3, feeling: 'alex feeling', note: 'alex note' })]);
    // Kept as keyed tags, so the rows alone say nothing of what the moment was; the export says it.
    expect(exported.heavy_moments).toEqual([expect.objectContaining({ kind: 'self-harm' })]);
    expect((await t.db.selectFrom('heavy_moments').select('kind').execute()).map((r) => r.kind)).not.toContain('self-harm');
    const text = JSON.stringify(exported);
    for (const words of ['alex note', 'alex feeling', 'alex circle', 'alex goal', 'alex boundary', 'alex fanos', 'alex held news']) expect(text).toContain(words);
    expect(text).not.toContain('blair');
    expect(text).not.toContain('gcm');
  });

  it('/delete leaves no row naming the person or their accounts in any table, and everyone else\'s rows stay', async () => {
    const alex = await personWithEverything(t.db, seal, 'alex');
    const blair = await personWithEverything(t.db, seal, 'blair');
    await claimEvent(t.db, 'console:update:1', NOW);
    const columns = [{ table_name: 'people', column_name: 'id' }, ...await namingColumns(t.current)];
    const blairBefore = await rowsNaming(t.db, columns, [blair, 'console:blair']);

    await deletePerson(t.db, alex);

    const left = Object.entries(await rowsNaming(t.db, columns, [alex, 'console:alex'])).filter(([, n]) => n > 0);
    expect(left).toEqual([]);
    expect(await rowsNaming(t.db, columns, [blair, 'console:blair'])).toEqual(blairBefore);
    for (const e of PERSON_TABLES.filter((x) => x.belongs.kind !== 'nobody')) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(e.table)}`.execute(t.db);
      expect(Number(r.rows[0]!.n), `${e.table} keeps blair's rows`).toBeGreaterThan(0);
    }
    // Platform update ids are not a person's data; they keep redeliveries harmless.
    expect(await t.db.selectFrom('processed_events').selectAll().execute()).toHaveLength(1);
  });

  it('deleting someone who does not exist changes nothing', async () => {
    const blair = await personWithEverything(t.db, seal, 'blair');
    const columns = await namingColumns(t.current);
    const before = await rowsNaming(t.db, columns, [blair, 'console:blair']);
    await deletePerson(t.db, 'no-such-person');
    expect(await rowsNaming(t.db, columns, [blair, 'console:blair'])).toEqual(before);
  });

  it('/link: history of one\'s own blocks a join; a fresh account moves and its empty person is gone', async () => {
    const alex = await personWithEverything(t.db, seal, 'alex');
    expect(await hasOwnHistory(t.db, alex)).toBe(true);
    const fresh = await createPerson(t.db, {
      account: 'telegram:9', displayName: 'alex', timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay, joinedOn: d('2026-03-02'), now: NOW,
    });
    await startPeriod(t.db, fresh.id, d('2026-03-02'), NOW);
    await markSeen(t.db, fresh.id, 'good-day-2', NOW);
    expect(await hasOwnHistory(t.db, fresh.id)).toBe(false);
    await joinAccountTo(t.db, 'telegram:9', fresh.id, alex);
    expect(await t.db.selectFrom('accounts').select('person_id').where('id', '=', 'telegram:9').executeTakeFirst()).toEqual({ person_id: alex });
    const columns = [{ table_name: 'people', column_name: 'id' }, ...await namingColumns(t.current)];
    expect(Object.entries(await rowsNaming(t.db, columns, [fresh.id])).filter(([, n]) => n > 0)).toEqual([]);
  });
});
