import type { Kysely } from 'kysely';

/*
 * Both halves of a link are explicit, and prompts back off when nobody answers (issue 15).
 *
 * - `links.wants`: what a sponsor or coach wants to receive. Until now they received whatever
 *   was shared, so every existing link starts with all of it: nothing they receive changes.
 *   (A partner's half stays their level.)
 * - `links.on_call`: a partner who explicitly agreed to receive missed-check-in alerts and SOS
 *   calls. No partner ever agreed to that (a partner link simply shared alerts and SOS by
 *   default), so every partner starts off call: alerts and SOS stop reaching partners, while
 *   the level each partner chose and the scopes each person set are kept as they are.
 * - `people.unanswered_prompts`: prompts sent since the last check-in, for the back-off.
 * - `outbox.tells_status`: the day's status a status message (or its correction) tells, so a
 *   later change of that day sends one clear correction to those who were told something else.
 * - Supporters were given a daily prompt they never asked for. Those who never checked in
 *   have it turned off; those who did check in keep theirs.
 */
const EVERY_SCOPE = 'alerts,sos,milestones,status,mood,notes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('links').addColumn('wants', 'text', (c) => c.notNull().defaultTo(EVERY_SCOPE)).execute();
  await db.schema.alterTable('links').addColumn('on_call', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('people').addColumn('unanswered_prompts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('outbox').addColumn('tells_status', 'text').execute();
  await db.updateTable('people')
    .set({ prompt_time: null, next_prompt_at: null, pending_prompt_date: null, reminder_at: null })
    .where('role', '=', 'supporter')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('checkins').select('checkins.person_id').whereRef('checkins.person_id', '=', 'people.id'))))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('tells_status').execute();
  await db.schema.alterTable('people').dropColumn('unanswered_prompts').execute();
  await db.schema.alterTable('links').dropColumn('on_call').execute();
  await db.schema.alterTable('links').dropColumn('wants').execute();
}
