/*
 * Another process holding the bot's SQLite file locked: opens the same file, takes the
 * write lock with BEGIN EXCLUSIVE, writes a row, waits HOLD_MS, commits and exits.
 *
 *   SQLITE_FILE=… HOLD_MS=10000 node --import tsx test/reliability/lock-holder.ts
 *
 * Prints {"stage":"locked"} once it holds the lock and {"stage":"released"} after COMMIT.
 */
import SQLite from 'better-sqlite3';

const file = process.env.SQLITE_FILE;
const holdMs = Number(process.env.HOLD_MS ?? 10_000);
if (!file) {
  process.stderr.write('lock-holder needs SQLITE_FILE\n');
  process.exit(2);
}
const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

const db = new SQLite(file);
db.pragma('busy_timeout = 30000');
db.exec('BEGIN EXCLUSIVE');
db.prepare('insert into processed_events (key, processed_at) values (?, ?)').run(`lock-holder:${process.pid}`, '2000-01-01T00:00:00.000Z');
const lockedAt = performance.now();
say({ stage: 'locked' });
setTimeout(() => {
  db.exec('COMMIT');
  say({ stage: 'released', heldMs: Math.round(performance.now() - lockedAt) });
  db.close();
  process.exit(0);
}, holdMs);
