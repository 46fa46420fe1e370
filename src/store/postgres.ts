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
  return pool;
}
