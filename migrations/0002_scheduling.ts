import type { Kysely } from 'kysely';

/*
 * Due work lives in indexed UTC columns, so one tick a minute finds what is due with an
 * index range scan and no per-person timers exist in memory. Every outgoing message is
 * written to the outbox first, under a unique idempotency key.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').addColumn('next_prompt_at', 'text').execute();
  // The local date the pending prompt is for, and the last local date that was prompted.
  await db.schema.alterTable('people').addColumn('pending_prompt_date', 'text').execute();
  await db.schema.alterTable('people').addColumn('last_prompt_date', 'text').execute();
  await db.schema.alterTable('people').addColumn('reminder_at', 'text').execute();
  await db.schema.alterTable('people').addColumn('grace_at', 'text').execute();
  await db.schema.alterTable('people').addColumn('grace_date', 'text').execute();
  await db.schema.alterTable('people').addColumn('next_summary_at', 'text').execute();
  for (const col of ['next_prompt_at', 'reminder_at', 'grace_at', 'next_summary_at']) {
    await db.schema.createIndex(`people_${col}`).on('people').column(col).execute();
  }

  await db.schema.alterTable('accounts').addColumn('last_seen_at', 'text').execute();
  // Set when the platform says the bot can never reach this account (blocked, DMs closed).
  await db.schema.alterTable('accounts').addColumn('unreachable_at', 'text').execute();

  await db.schema.createTable('links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The person who shares, and the supporter who receives what they chose to share.
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('supporter_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('links_person').on('links').column('person_id').execute();
  await db.schema.createIndex('links_supporter').on('links').column('supporter_id').execute();

  await db.schema.createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idem_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('chat_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('about_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('scope', 'text')
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    // The message itself, sealed like other free text: it may quote what a person wrote.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('platform_message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'not_before']).execute();
  await db.schema.createIndex('outbox_recipient').on('outbox').column('recipient_id').execute();
  await db.schema.createIndex('outbox_about').on('outbox').column('about_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
  await db.schema.dropTable('links').execute();
}
