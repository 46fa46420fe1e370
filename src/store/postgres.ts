import pg from 'pg';

/** Enough connections for the bot's handful of concurrent updates and the scheduler, without hogging a shared server. */
const POOL_SIZE = 10;

/*
 * SQLite hands back plain numbers for every integer and aggregate; `pg` returns int8
 * (count(*), sum of integers) and numeric (avg) as strings. Parsing them here keeps
 * query modules identical on both databases. Our values (counts, days) stay far below 2^53.
 */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${value} from PostgreSQL does not fit a JavaScript number`);
  return n;
}

const getTypeParser = ((oid: number, format?: 'text' | 'binary') => {
  if (format !== 'binary') {
    if (oid === pg.types.builtins.INT8) return parseInt8;
    if (oid === pg.types.builtins.NUMERIC) return Number;
  }
  return pg.types.getTypeParser(oid, format);
}) as typeof pg.types.getTypeParser;

/**
 * A connection pool for a `postgres://` URL. Parameters in the URL win over these defaults,
 * so `?application_name=…` or `?options=-c search_path=…` can be given there.
 */
export function createPostgresPool(url: string, onIdleError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    application_name: 'steadfast',
    types: { getTypeParser },
  });
  // A connection dropped while idle (server restart) is discarded by the pool; without a listener it would crash the process.
  pool.on('error', onIdleError);
  pool.on('connect', (client) => {
    // A statement prepared once is still planned for each set of values: a generic plan made
    // blind to them can scan a million rows where the index finds none (an "anything due?"
    // probe of a range). Queued first, so it precedes every statement on this connection.
    void client.query('set plan_cache_mode = force_custom_plan').catch(() => {});
    preparedStatements(client);
  });
  return pool;
}

/** Distinct statements kept prepared per connection; beyond this (lists of varying length) they are sent unnamed. */
const PREPARED_PER_CONNECTION = 400;
/** Only statements that read or change rows: never DDL, which the migrations run once. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

type QueryFn = (...a: unknown[]) => unknown;

/**
 * The core sends the same few dozen statements over and over; an unnamed statement is parsed
 * and planned by the server every time. Named, each is parsed once per connection and then only
 * bound and run (server CPU per check-in drops). A statement the server refuses to reuse after a
 * schema change (another instance migrated) is sent again unnamed, and every name made afresh.
 */
function preparedStatements(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  let generation = 0;
  const query = client.query.bind(client) as QueryFn;
  (client as unknown as { query: QueryFn }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined || !PREPARABLE.test(text)) {
      return query(text, values, callback);
    }
    let name = names.get(text);
    if (name === undefined && names.size < PREPARED_PER_CONNECTION) {
      name = `steadfast_${generation}_${names.size}`;
      names.set(text, name);
    }
    if (name === undefined) return query(text, values);
    return (query({ name, text, values }) as Promise<unknown>).catch((e: unknown) => {
      // 0A000: "cached plan must not change result type" after a column was added elsewhere.
      if ((e as { code?: string }).code !== '0A000') throw e;
      generation += 1;
      names.clear();
      // Inside a transaction the refusal has aborted it: the retry fails too, and the first error is the one that says why.
      return (query(text, values) as Promise<unknown>).catch(() => {
        throw e;
      });
    });
  };
}
