import { sql, type Kysely } from 'kysely';

/*
 * Delivery priority: which message goes first when the outbox holds more than a platform lets
 * out at once (0 SOS and anything urgent, 1 missed-check-in alerts, 2 answers, 3 the schedule).
 * Set at enqueue from the topic (src/domain/delivery-priority.ts); rows already queued get it
 * from theirs here. The due query reads queued rows by priority then age, one turn per chat;
 * an index in that order serves it on SQLite and PostgreSQL alike, read in order and stopped
 * at the batch (SQLite's planner passes over a partial index here for the older status index).
 */
const BY_TOPIC: Record<number, string[]> = {
  0: ['sos'],
  1: ['missed', 'escalation', 'checkin-resumed'],
  2: ['answer', 'check-on', 'link-news', 'consent-ask'],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(3)).execute();
  for (const [priority, topics] of Object.entries(BY_TOPIC)) {
    await db.updateTable('outbox').set({ priority: Number(priority) })
      .where('status', 'in', ['queued', 'sending']).where('topic', 'in', topics).execute();
  }
  await db.updateTable('outbox').set({ priority: 0 })
    .where('status', 'in', ['queued', 'sending']).where('urgent', '=', 1).execute();
  await sql`create index outbox_turns on outbox (status, priority, not_before, platform, chat_id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index outbox_turns`.execute(db);
  await db.schema.alterTable('outbox').dropColumn('priority').execute();
}
