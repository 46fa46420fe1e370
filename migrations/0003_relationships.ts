import type { Kysely } from 'kysely';

/*
 * Relationships: invitation codes (stored only as hashes), per-link consent, partner
 * receiving levels, shared FANOS check-ins, and accountability groups.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('invites')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    // sponsor | partner | coach, or account (joining another platform's account to this person)
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('invites_person').on('invites').column('person_id').execute();

  // Failed code redemptions, to slow down guessing.
  await db.schema.createTable('code_attempts')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('code_attempts_account').on('code_attempts').columns(['account_id', 'at']).execute();

  // What a betrayed partner chose to receive; null for sponsors and coaches.
  await db.schema.alterTable('links').addColumn('partner_level', 'text').execute();
  await db.schema.alterTable('links').addColumn('receiving_paused', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The partner said /ready: shared (team) features are open.
  await db.schema.alterTable('links').addColumn('ready', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The supporter answered an alert or SOS with "I'm reaching out".
  await db.schema.alterTable('links').addColumn('reached_out_at', 'text').execute();

  await db.schema.createTable('fanos_entries')
    .addColumn('link_id', 'text', (c) => c.notNull().references('links.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('round', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('shared_at', 'text')
    .addPrimaryKeyConstraint('fanos_pk', ['link_id', 'person_id', 'round'])
    .execute();

  await db.schema.createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('prompt_time', 'text', (c) => c.notNull())
    .addColumn('next_prompt_at', 'text')
    .addColumn('next_rollcall_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_next_prompt').on('groups').column('next_prompt_at').execute();
  await db.schema.createIndex('groups_next_rollcall').on('groups').column('next_rollcall_at').execute();

  await db.schema.createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    // Agreed to be named in the roll call, and to have milestones celebrated in the group.
    .addColumn('named', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('celebrate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'person_id'])
    .execute();
  await db.schema.createIndex('group_members_person').on('group_members').column('person_id').execute();

  // Whether the account ever wrote to the bot privately (so a private answer can reach it).
  await db.schema.alterTable('accounts').addColumn('dm_seen_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['group_members', 'groups', 'fanos_entries', 'code_attempts', 'invites']) await db.schema.dropTable(t).execute();
}
