import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PgSchema {
  name: string;
  /** The base URL with every pooled connection working inside this schema. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A schema of our own on a shared PostgreSQL, so parallel test files (or a benchmark) never
 * meet: created empty, dropped with everything in it. No vitest import: the bench uses it too.
 */
export async function createPgSchema(baseUrl: string, prefix: string): Promise<PgSchema> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(baseUrl, `create schema ${name}`);
  return { name, url: withSearchPath(baseUrl, name), drop: () => admin(baseUrl, `drop schema if exists ${name} cascade`) };
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  const existing = u.searchParams.get('options');
  u.searchParams.set('options', `${existing ? `${existing} ` : ''}-c search_path=${schema}`);
  return u.toString();
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'steadfast-tests' });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
