import { sql, type Kysely } from 'kysely';

/*
 * The first schema. Conventions, the same on SQLite and PostgreSQL:
 * - instants are UTC ISO-8601 text (`2026-11-25T19:00:00.000Z`), so they sort and compare as text;
 * - local dates are `YYYY-MM-DD` text stored beside the zone they were taken in;
 * - booleans are integers 0/1; ids are text.
 * Migrations use Kysely<any> and never import app code, so they keep working as the code moves.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('prompt_time', 'text')
    .addColumn('prompt_days', 'text', (c) => c.notNull().defaultTo('1234567'))
    .addColumn('quiet_start', 'text')
    .addColumn('quiet_end', 'text')
    .addColumn('paused_until', 'text')
    .addColumn('awaiting', 'text')
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_person').on('accounts').column('person_id').execute();

  await db.schema.createTable('checkins')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('mood', 'integer')
    .addColumn('feeling', 'text')
    .addColumn('healing_work', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // One record per person per local date: a second check-in updates the first.
    .addPrimaryKeyConstraint('checkins_pk', ['person_id', 'local_date'])
    .execute();

  await db.schema.createTable('sobriety_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sobriety_periods_person').on('sobriety_periods').column('person_id').execute();
  // At most one open (current) period per person.
  await sql`create unique index sobriety_periods_one_open on sobriety_periods (person_id) where end_date is null`.execute(db);

  await db.schema.createTable('circles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('circle', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('circles_person').on('circles').column('person_id').execute();

  await db.schema.createTable('milestones')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // The sobriety date or streak start the milestone belongs to: a new period celebrates afresh.
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('celebrated', 'integer', (c) => c.notNull())
    .addColumn('reached_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('milestones_pk', ['person_id', 'kind', 'period_start', 'days'])
    .execute();

  await db.schema.createTable('encouragement_seen')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('encouragement_seen_pk', ['person_id', 'message_id'])
    .execute();

  await db.schema.createTable('goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('goals_person').on('goals').column('person_id').execute();

  await db.schema.createTable('boundaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('boundaries_person').on('boundaries').column('person_id').execute();

  // Platform updates already handled: the same update delivered twice changes state once.
  await db.schema.createTable('processed_events')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['processed_events', 'boundaries', 'goals', 'encouragement_seen', 'milestones', 'circles',
    'sobriety_periods', 'checkins', 'accounts', 'people']) {
    await db.schema.dropTable(t).execute();
  }
}
