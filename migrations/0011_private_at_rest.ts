import { sql, type Kysely } from 'kysely';

/*
 * Private at rest. A check-in's answers (sober/middle/relapse, mood, feeling word, safety,
 * healing work) move into one sealed column; the old clear columns stay for rows written
 * before, and the first start with a data key seals those (a migration has no key).
 * A small check value tells at start whether the configured key is this database's key.
 * Messages keep their text only until they are delivered: the rows still holding text are
 * few (the queue, recent failures), and an index over just those keeps retention cheap.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkins').addColumn('answers', 'text').execute();

  await db.schema.createTable('data_key_check')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('check_value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await sql`create index outbox_holding_text on outbox (status, not_before) where payload <> ''`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index outbox_holding_text`.execute(db);
  await db.schema.dropTable('data_key_check').execute();
  await db.schema.alterTable('checkins').dropColumn('answers').execute();
}
