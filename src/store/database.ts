import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations/index.js';
import type { StorageTarget } from '../config.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

const provider: MigrationProvider = { getMigrations: async () => migrations };

function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers work while the single writer commits; foreign keys are per connection.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return sqlite;
}

/** Opens the database the configuration names and brings its schema up to date. */
export async function openDatabase(target: StorageTarget): Promise<Db> {
  let db: Db;
  switch (target.kind) {
    case 'sqlite':
      db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(target.file) }) });
      break;
    case 'sqlite-memory':
      db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(':memory:') }) });
      break;
    case 'postgres':
      throw new Error('PostgreSQL storage is not available yet; use a sqlite: DATABASE_URL for now');
  }
  await migrate(db);
  return db;
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
