import { sql } from 'kysely';
import { toDbInstant } from './convert.js';
import { isSqlite, type Db } from './database.js';

/*
 * Nothing is kept longer than it is needed. A message's text lives in the outbox only while it
 * may still be sent: once delivered (or decided against) only what idempotency, /healthz and
 * later corrections need stays — its key, kind, topic, status, whom it concerned and when it was sent. A message that could not be
 * delivered keeps its text for a retention period (a retry, a look by the admin), then loses
 * it; the rows themselves go after a longer one.
 */

export interface Retention {
  /** Days a message that could not be delivered keeps its text. */
  undeliveredDays: number;
  /** Days any finished message's row is kept (its key guards against sending it twice). */
  rowDays: number;
}

const DAY = 86_400_000;

/** Databases with erased text not yet checkpointed out of SQLite's write-ahead log. */
const unflushed = new WeakSet<Db>();

/**
 * What a finished message keeps of itself: its identity, kind, topic, status, who it went to
 * and who and which day it was about, and one time. Status news also keeps what it told
 * (sealed): a later change of that day sends those who were told one correction.
 */
function forgotten(at: string) {
  return {
    payload: '', reports_relapse: 0, needs_scopes: null, link_id: null, replaces_message_id: null,
    // The gap between queueing and sending would tell a held (relapse) notice from others.
    created_at: at, not_before: at, sent_at: null as string | null,
  };
}

/**
 * A message was delivered or skipped: its text goes now. An answer to an account that belongs
 * to no one any more (the goodbye after /delete) goes entirely: nothing naming it stays.
 */
export async function forgetFinishedMessage(db: Db, id: string, now: Date): Promise<void> {
  const at = toDbInstant(now);
  await db.deleteFrom('outbox').where('id', '=', id).where('chat_kind', '=', 'dm').where('status', 'in', ['sent', 'skipped'])
    .where('recipient_id', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('accounts').select('accounts.id').whereRef('accounts.id', '=', 'outbox.chat_id'))))
    .execute();
  await db.updateTable('outbox').set((eb) => ({ ...forgotten(at), sent_at: eb.ref('sent_at') }))
    .where('id', '=', id).where('status', 'in', ['sent', 'skipped']).execute();
  unflushed.add(db);
}

export interface PruneReport {
  /** Finished messages whose text was still there (a crash between sending and forgetting). */
  forgotten: number;
  /** Undelivered messages past the retention period, their text erased. */
  expired: number;
  /** Rows removed. */
  pruned: number;
}

/** One retention pass (each scheduler tick): cheap, since only the rows still holding text are indexed for it. */
export async function pruneOutbox(db: Db, now: Date, r: Retention): Promise<PruneReport> {
  const at = toDbInstant(now);
  const forgottenRows = await db.updateTable('outbox').set((eb) => ({ ...forgotten(at), sent_at: eb.ref('sent_at') }))
    .where('status', 'in', ['sent', 'skipped']).where('payload', '<>', '').executeTakeFirst();
  const expired = await db.updateTable('outbox').set({ payload: '', reports_relapse: 0 })
    .where('status', 'in', ['failed', 'unreachable']).where('payload', '<>', '')
    .where('not_before', '<', toDbInstant(new Date(now.getTime() - r.undeliveredDays * DAY))).executeTakeFirst();
  const pruned = await db.deleteFrom('outbox').where('status', 'in', ['sent', 'skipped', 'failed', 'unreachable'])
    .where('not_before', '<', toDbInstant(new Date(now.getTime() - r.rowDays * DAY))).executeTakeFirst();
  const report = {
    forgotten: Number(forgottenRows.numUpdatedRows), expired: Number(expired.numUpdatedRows), pruned: Number(pruned.numDeletedRows),
  };
  if (report.forgotten + report.expired + report.pruned > 0) unflushed.add(db);
  return report;
}

/**
 * On SQLite, old versions of changed pages (erased text among them) stay in the write-ahead log
 * until a checkpoint; this copies the latest pages into the database file (where secure_delete
 * has zeroed what was removed) and empties the log.
 */
export async function flushErasedPages(db: Db, always = false): Promise<void> {
  if (!always && !unflushed.has(db)) return;
  unflushed.delete(db);
  if (isSqlite(db)) await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}
