import { Migrator, NO_MIGRATIONS } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { migrate, openDatabase } from '../../src/store/database.js';
import { PERSON_TABLES } from '../../src/store/person-registry.js';
import { createPgSchema } from '../helpers/pg-schema.js';
import { describeEachDatabase, testDatabases, useDatabase } from '../helpers/databases.js';

const provider = { getMigrations: async () => migrations };

describeEachDatabase('migrations', (target) => {
  const t = useDatabase(target);

  it('build every table from an empty database', async () => {
    const tables = await t.current.tableColumns();
    for (const { table } of PERSON_TABLES) expect(tables.has(table), table).toBe(true);
    expect(tables.get('checkins')).toEqual(expect.arrayContaining(['person_id', 'local_date', 'note', 'updated_at']));
  });

  it('record every migration as applied, and applying again changes nothing', async () => {
    const before = await new Migrator({ db: t.db, provider }).getMigrations();
    expect(before.map((m) => m.name)).toEqual(Object.keys(migrations));
    expect(before.every((m) => m.executedAt instanceof Date)).toBe(true);
    await migrate(t.db);
    expect((await new Migrator({ db: t.db, provider }).getMigrations()).map((m) => m.executedAt))
      .toEqual(before.map((m) => m.executedAt));
  });

  it('go down to an empty database and up again', async () => {
    const migrator = new Migrator({ db: t.db, provider });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect([...(await t.current.tableColumns()).keys()]).toEqual([]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect((await t.current.tableColumns()).has('checkins')).toBe(true);
  });
});

describeEachDatabase('boundaries shared before they were shared per link', (target) => {
  const t = useDatabase(target);

  it('keep going to the partner linked now, and to no one else', async () => {
    const migrator = new Migrator({ db: t.db, provider });
    expect((await migrator.migrateTo('0011_private_at_rest')).error).toBeUndefined();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema as it was before
    const old = t.db as unknown as import('kysely').Kysely<any>;
    const at = '2026-01-01T00:00:00.000Z';
    for (const id of ['ana', 'pat', 'old', 'sam']) {
      await old.insertInto('people').values({ id, timezone: 'UTC', prompt_days: '1234567', joined_on: '2026-01-01', created_at: at }).execute();
    }
    await old.insertInto('links').values([
      { id: 'now', person_id: 'ana', supporter_id: 'pat', relation: 'partner', scopes: '', created_at: at },
      { id: 'ended', person_id: 'ana', supporter_id: 'old', relation: 'partner', scopes: '', created_at: at, ended_at: at },
      { id: 'sponsor', person_id: 'ana', supporter_id: 'sam', relation: 'sponsor', scopes: '', created_at: at },
    ]).execute();
    await old.insertInto('boundaries').values([
      { id: 'shared', person_id: 'ana', text: 'x', shared: 1, created_at: at },
      { id: 'private', person_id: 'ana', text: 'y', shared: 0, created_at: at },
    ]).execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await t.db.selectFrom('boundary_shares').select(['boundary_id', 'link_id']).execute()).toEqual([{ boundary_id: 'shared', link_id: 'now' }]);
  });
});

describeEachDatabase('stored values', (target) => {
  const t = useDatabase(target);

  it('come back as the same JavaScript types on every database', async () => {
    await t.db.insertInto('people').values({
      id: 'p1', role: null, timezone: 'UTC', prompt_time: '20:00', prompt_days: '1234567', quiet_start: null,
      quiet_end: null, paused_until: null, awaiting: null, joined_on: '2026-01-01', created_at: '2026-01-01T00:00:00.000Z',
      unanswered_prompts: 0,
    }).execute();
    await t.db.insertInto('milestones').values({
      person_id: 'p1', kind: 'sobriety', period_start: '2026-01-01', days: 30, celebrated: 1, reached_at: '2026-01-31T20:00:00.000Z',
    }).execute();
    const row = await t.db.selectFrom('milestones').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({
      person_id: 'p1', kind: 'sobriety', period_start: '2026-01-01', days: 30, celebrated: 1, reached_at: '2026-01-31T20:00:00.000Z',
    });
    // Aggregates: PostgreSQL's bigint and numeric arrive as numbers too, as SQLite's do.
    const agg = await t.db.selectFrom('milestones')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('days').as('total'), eb.fn.avg('days').as('mean')])
      .executeTakeFirstOrThrow();
    expect(agg).toEqual({ n: 1, total: 30, mean: 30 });
  });
});

describe('test databases', () => {
  it('are SQLite always, and PostgreSQL when DATABASE_URL names it', () => {
    expect(testDatabases({}).map((d) => d.name)).toEqual(['sqlite']);
    expect(testDatabases({ DATABASE_URL: 'sqlite::memory:' }).map((d) => d.name)).toEqual(['sqlite']);
    expect(testDatabases({ DATABASE_URL: 'postgres://u@h/db' }).map((d) => d.name)).toEqual(['sqlite', 'postgres']);
  });
});

describe.skipIf(!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? ''))('migrations on a PostgreSQL database shared with others', () => {
  it('build our own schema even when another schema already holds kysely migration tables', async () => {
    const base = process.env.DATABASE_URL!;
    const other = await createPgSchema(base, 'steadfast_other');
    const ours = await createPgSchema(base, 'steadfast_ours');
    try {
      // Another app (or another test file) migrated its own schema in the same database first.
      const first = await openDatabase({ kind: 'postgres', url: other.url });
      await first.destroy();
      const db = await openDatabase({ kind: 'postgres', url: ours.url });
      expect(await db.selectFrom('people').select('id').execute()).toEqual([]);
      await db.destroy();
    } finally {
      await other.drop();
      await ours.drop();
    }
  });
});
