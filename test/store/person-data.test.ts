import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TimeOfDay } from '../../src/domain/time-of-day.js';
import { addBoundary } from '../../src/store/boundaries.js';
import { saveCheckin } from '../../src/store/checkins.js';
import { addCircleEntry } from '../../src/store/circles.js';
import type { Db } from '../../src/store/database.js';
import { markSeen } from '../../src/store/encouragement-seen.js';
import { rememberMoment } from '../../src/store/heavy-moments.js';
import { addGoal } from '../../src/store/goals.js';
import { markMilestone } from '../../src/store/milestones.js';
import { createPerson } from '../../src/store/people.js';
import { deletePerson, exportPersonRows } from '../../src/store/person-data.js';
import { claimEvent } from '../../src/store/processed-events.js';
import { PERSON_TABLES } from '../../src/store/schema.js';
import { createInvite } from '../../src/store/invites.js';
import { joinGroup, saveGroup } from '../../src/store/groups.js';
import { createLink } from '../../src/store/links.js';
import { createTextSeal, type TextSeal } from '../../src/store/sealed-text.js';
import { startPeriod } from '../../src/store/sobriety-periods.js';
import { describeEachDatabase, useDatabase, type ColumnRow } from '../helpers/databases.js';

const seal = createTextSeal(randomBytes(32));
const NOW = new Date('2026-03-02T20:00:00.000Z');
const d = (s: string) => s as LocalDate;

/** A person with a row in every table that holds a person's data; their words carry their name. */
async function personWithEverything(db: Db, s: TextSeal, name: string): Promise<string> {
  const { id } = await createPerson(db, {
    account: `console:${name}`, displayName: name, timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay,
    joinedOn: d('2026-03-01'), now: NOW,
  });
  await saveCheckin(db, s, id, {
    localDate: d('2026-03-02'), zone: 'UTC' as TimeZone, status: 'sober', mood: 3, feeling: `${name} feeling`,
    healingWork: ['meeting'], safe: null, note: `${name} note`, at: NOW,
  });
  await startPeriod(db, id, d('2026-03-01'), NOW);
  await addCircleEntry(db, s, id, { circle: 'inner', text: `${name} circle` }, NOW);
  await markMilestone(db, id, 'sobriety', '2026-03-01', 1, true, NOW);
  await markSeen(db, id, 'good-day-1', NOW);
  await rememberMoment(db, id, d('2026-03-02'), 'self-harm', 0, NOW);
  await addGoal(db, s, id, `${name} goal`, null, NOW);
  await addBoundary(db, s, id, `${name} boundary`, NOW);
  await createInvite(db, { codeHash: `hash-${name}`, personId: id, relation: 'sponsor', expiresAt: NOW }, NOW);
  // A group of their own and a FANOS entry on a link of their own, so every table has a row.
  await saveGroup(db, { id: `console:group-${name}`, title: null, timezone: 'UTC' as TimeZone, promptTime: '20:00' as TimeOfDay, createdBy: id, nextPromptAt: null, nextRollcallAt: null }, NOW);
  await joinGroup(db, `console:group-${name}`, id, NOW);
  const link = await createLink(db, { personId: id, supporterId: id, relation: 'partner', scopes: [] }, NOW);
  await db.insertInto('fanos_entries').values({ link_id: link.id, person_id: id, round: '2026-W09', answers: s.seal(`${name} fanos`), created_at: NOW.toISOString(), shared_at: null }).execute();
  return id;
}

async function rowsNaming(db: Db, columns: ColumnRow[], personId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table_name, column_name } of columns) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table_name)} where ${sql.ref(column_name)} = ${personId}`
      .execute(db);
    counts[`${table_name}.${column_name}`] = Number(r.rows[0]?.n);
  }
  return counts;
}

describeEachDatabase('a person\'s data', (target) => {
  const t = useDatabase(target);

  it('finds a column naming the person in every table that holds their data', async () => {
    const tables = new Set((await t.current.personColumns()).map((c) => c.table_name));
    for (const table of PERSON_TABLES) expect(tables.has(table), table).toBe(true);
  });

  it('exports every row of the person with their words opened, and nobody else\'s', async () => {
    const alex = await personWithEverything(t.db, seal, 'alex');
    await personWithEverything(t.db, seal, 'blair');
    const exported = await exportPersonRows(t.db, seal, alex);
    expect(exported.person.id).toBe(alex);
    const tables = exported as unknown as Record<string, Record<string, unknown>[]>;
    for (const table of PERSON_TABLES) {
      expect(tables[table], table).toHaveLength(1);
      expect(tables[table]?.[0]?.person_id, table).toBe(alex);
    }
    const text = JSON.stringify(exported);
    for (const words of ['alex note', 'alex feeling', 'alex circle', 'alex goal', 'alex boundary']) expect(text).toContain(words);
    expect(text).not.toContain('blair');
    expect(text).not.toContain('gcm1:');
  });

  it('deletes leave no row naming the person in any table, and everyone else\'s rows stay', async () => {
    const alex = await personWithEverything(t.db, seal, 'alex');
    const blair = await personWithEverything(t.db, seal, 'blair');
    await claimEvent(t.db, 'console:alex:1', NOW);
    const columns = [{ table_name: 'people', column_name: 'id' }, ...await t.current.personColumns()];
    const blairBefore = await rowsNaming(t.db, columns, blair);

    await deletePerson(t.db, alex);

    const alexAfter = await rowsNaming(t.db, columns, alex);
    expect(Object.entries(alexAfter).filter(([, n]) => n > 0)).toEqual([]);
    expect(await rowsNaming(t.db, columns, blair)).toEqual(blairBefore);
    for (const table of ['people', ...PERSON_TABLES]) {
      expect(blairBefore[`${table}.${table === 'people' ? 'id' : 'person_id'}`], table).toBe(1);
    }
    // Platform update ids are not a person's data; they keep redeliveries harmless.
    expect(await t.db.selectFrom('processed_events').selectAll().execute()).toHaveLength(1);
  });

  it('deleting someone who does not exist changes nothing', async () => {
    const blair = await personWithEverything(t.db, seal, 'blair');
    const columns = await t.current.personColumns();
    const before = await rowsNaming(t.db, columns, blair);
    await deletePerson(t.db, 'no-such-person');
    expect(await rowsNaming(t.db, columns, blair)).toEqual(before);
  });
});
