/*
 * One suite, several databases (after Kysely's own test setup): SQLite always, PostgreSQL
 * when DATABASE_URL names one. Every opened database is fresh and migrated; on PostgreSQL
 * it lives in its own schema, dropped on cleanup, so parallel workers never meet.
 *
 *   describeEachDatabase('check-ins', (target) => {
 *     const t = useDatabase(target);            // fresh database per test, cleaned up after
 *     it('…', async () => { await saveCheckin(t.db, …); });
 *   });
 */
import { createPgSchema } from './pg-schema.js';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { parseDatabaseUrl, type StorageTarget } from '../../src/config.js';
import { openDatabase, type Db } from '../../src/store/database.js';

export type DialectName = 'sqlite' | 'postgres';

export interface TestDatabase {
  db: Db;
  dialect: DialectName;
  /** Every table the migrations made, each with its columns; the migrator's own tables left out. */
  tableColumns(): Promise<Map<string, string[]>>;
  /** Every column that names a person: foreign keys to `people.id` and columns called `person_id`. */
  personColumns(): Promise<ColumnRow[]>;
  /** Every foreign key, as the table and column it is on and the table it points at. */
  foreignKeys(): Promise<(ColumnRow & { references: string })[]>;
  /** Closes the connections and, on PostgreSQL, drops the schema. Safe to call twice. */
  cleanup(): Promise<void>;
}

export interface DatabaseTarget {
  name: DialectName;
  /** A fresh, migrated database. */
  open(): Promise<TestDatabase>;
  /** A fresh, empty place for a whole core to open (createTestCore's `storage`), and how to remove it after. */
  storage(): Promise<{ storage: StorageTarget; cleanup(): Promise<void> }>;
}

export interface SkippedDatabase {
  name: DialectName;
  reason: string;
}

const MIGRATOR_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/** The databases to run against: SQLite (in memory) always, PostgreSQL when DATABASE_URL is `postgres://…`. */
export function testDatabases(env: NodeJS.ProcessEnv = process.env): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: 'sqlite', open: openSqlite, storage: async () => ({ storage: { kind: 'sqlite-memory' }, cleanup: async () => {} }) }];
  const url = postgresUrl(env);
  if (url) {
    targets.push({
      name: 'postgres',
      open: () => openPostgres(url),
      storage: async () => {
        const schema = await createPgSchema(url, 'steadfast_test');
        return { storage: { kind: 'postgres', url: schema.url }, cleanup: schema.drop };
      },
    });
  }
  return targets;
}

/** The databases left out of this run, with why, so a skipped dialect shows in the report. */
export function skippedDatabases(env: NodeJS.ProcessEnv = process.env): SkippedDatabase[] {
  if (postgresUrl(env)) return [];
  const reason = env.DATABASE_URL
    ? 'DATABASE_URL is not a postgres:// URL'
    : 'set DATABASE_URL=postgres://… to run it';
  return [{ name: 'postgres', reason }];
}

/** One suite per target (like `describe.each`), plus a visibly skipped suite for each database left out. */
export function describeEachDatabase(title: string, body: (target: DatabaseTarget) => void): void {
  for (const target of testDatabases()) describe(`${title} on ${target.name}`, () => body(target));
  for (const skipped of skippedDatabases()) {
    describe.skip(`${title} on ${skipped.name} (${skipped.reason})`, () => {
      it(`runs on ${skipped.name}`, () => {});
    });
  }
}

/** A fresh migrated database for each test of the enclosing suite; read `.db` inside tests. */
export function useDatabase(target: DatabaseTarget): { readonly db: Db; readonly current: TestDatabase } {
  let current: TestDatabase | null = null;
  beforeEach(async () => {
    current = await target.open();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = null;
  });
  const get = (): TestDatabase => {
    if (!current) throw new Error('useDatabase: the database is open only inside a test');
    return current;
  };
  return {
    get db() { return get().db; },
    get current() { return get(); },
  };
}

function postgresUrl(env: NodeJS.ProcessEnv): string | null {
  const target = parseDatabaseUrl(env.DATABASE_URL);
  return target?.kind === 'postgres' ? target.url : null;
}

async function openSqlite(): Promise<TestDatabase> {
  const db = await openDatabase({ kind: 'sqlite-memory' });
  return {
    db,
    dialect: 'sqlite',
    tableColumns: async () => groupColumns((await sql<ColumnRow>`
      select m.name as table_name, p.name as column_name
      from sqlite_master m join pragma_table_info(m.name) p
      where m.type = 'table' and m.name not like 'sqlite_%'
      order by m.name, p.cid`.execute(db)).rows),
    personColumns: async () => personColumns((await sql<ColumnRow & { references_people: number }>`
      select m.name as table_name, p.name as column_name,
        exists (select 1 from pragma_foreign_key_list(m.name) f where f."from" = p.name and f."table" = 'people')
          as references_people
      from sqlite_master m join pragma_table_info(m.name) p
      where m.type = 'table' and m.name not like 'sqlite_%'`.execute(db)).rows),
    foreignKeys: async () => (await sql<ColumnRow & { references: string }>`
      select m.name as table_name, f."from" as column_name, f."table" as "references"
      from sqlite_master m join pragma_foreign_key_list(m.name) f
      where m.type = 'table' and m.name not like 'sqlite_%'`.execute(db)).rows,
    cleanup: once(() => db.destroy()),
  };
}

async function openPostgres(baseUrl: string): Promise<TestDatabase> {
  const schema = await createPgSchema(baseUrl, 'steadfast_test');
  const dropSchema = schema.drop;
  let db: Db;
  try {
    db = await openDatabase({ kind: 'postgres', url: schema.url });
  } catch (e) {
    await dropSchema();
    throw e;
  }
  return {
    db,
    dialect: 'postgres',
    tableColumns: async () => groupColumns((await sql<ColumnRow>`
      select c.table_name, c.column_name
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(db)).rows),
    personColumns: async () => personColumns((await sql<ColumnRow & { references_people: boolean }>`
      select c.table_name, c.column_name,
        exists (
          select 1 from pg_constraint k
          join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
          where k.contype = 'f' and k.confrelid = 'people'::regclass
            and k.conrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
            and a.attname = c.column_name
        ) as references_people
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(db)).rows),
    foreignKeys: async () => (await sql<ColumnRow & { references: string }>`
      select k.conrelid::regclass::text as table_name, a.attname as column_name, k.confrelid::regclass::text as "references"
      from pg_constraint k
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
      where k.contype = 'f' and k.connamespace = current_schema()::regnamespace`.execute(db)).rows,
    cleanup: once(async () => {
      await db.destroy();
      await dropSchema();
    }),
  };
}

export interface ColumnRow {
  table_name: string;
  column_name: string;
}

function personColumns(rows: (ColumnRow & { references_people: number | boolean })[]): ColumnRow[] {
  return rows
    .filter((r) => (r.references_people === 1 || r.references_people === true || r.column_name === 'person_id')
      && !MIGRATOR_TABLES.has(r.table_name))
    .map(({ table_name, column_name }) => ({ table_name, column_name }))
    .sort((a, b) => `${a.table_name}.${a.column_name}`.localeCompare(`${b.table_name}.${b.column_name}`));
}

function groupColumns(rows: ColumnRow[]): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const { table_name, column_name } of rows) {
    if (MIGRATOR_TABLES.has(table_name)) continue;
    tables.set(table_name, [...(tables.get(table_name) ?? []), column_name]);
  }
  return tables;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}
