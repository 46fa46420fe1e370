import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteAdapter, SqliteDialect, sql, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations/index.js';
import type { StorageTarget } from '../config.js';
import { createPostgresPool } from './postgres.js';
import { OwnSchemaPostgresDialect } from './postgres-introspector.js';
import { withStatementCache } from './statement-cache.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * The database file readable by its owner only, whatever the umask. SQLite gives its -wal and
 * -shm files the database file's own mode, so setting it on the database before opening covers
 * all three; files left by an earlier version are tightened too.
 */
function ownerOnly(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') ownerOnly(file);
  const sqlite = new SQLite(file);
  // WAL lets readers work while the single writer commits; foreign keys are per connection.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Erased rows are overwritten, not left readable in free pages: /delete must really delete.
  sqlite.pragma('secure_delete = ON');
  return sqlite;
}

export interface OpenOptions {
  /** A pooled PostgreSQL connection failed while idle; the pool replaces it. Defaults to a process warning. */
  onConnectionError?: (error: Error) => void;
}

/** Opens the database the configuration names and brings its schema up to date. */
export async function openDatabase(target: StorageTarget, options: OpenOptions = {}): Promise<Db> {
  let db: Db;
  switch (target.kind) {
    case 'sqlite':
      db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(openSqlite(target.file)) }) });
      break;
    case 'sqlite-memory':
      db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(openSqlite(':memory:')) }) });
      break;
    case 'postgres': {
      const onError = options.onConnectionError ?? ((e: Error) => process.emitWarning(e));
      db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool: createPostgresPool(target.url, onError) }) });
      break;
    }
  }
  try {
    await migrate(db);
  } catch (e) {
    // Release the pool or file so a failed start does not hang the process.
    await db.destroy();
    throw e;
  }
  return db;
}

export async function migrate(db: Db): Promise<void> {
  // kysely looks for its migration tables in every schema unless told which: another schema's
  // tables (another app or test in the same PostgreSQL database) would make it skip creating ours.
  const migrationTableSchema = isSqlite(db) ? undefined : await currentSchema(db);
  const migrator = new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

async function currentSchema(db: Db): Promise<string | undefined> {
  const r = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return r.rows[0]?.schema ?? undefined;
}

/** True when the database is SQLite (one file, one writer), where a few maintenance steps differ. */
export function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
