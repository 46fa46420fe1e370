import type { TimeZone } from '../domain/local-date.js';
import type { TimeOfDay } from '../domain/time-of-day.js';
import { fromDbBool, toDbBool, toDbInstant } from './convert.js';
import type { Db } from './database.js';
import { resealForChat } from './outbox.js';
import type { TextSeal } from './sealed-text.js';

export interface Group {
  id: string;
  title: string | null;
  timezone: TimeZone;
  promptTime: TimeOfDay;
}

export interface GroupMember {
  personId: string;
  named: boolean;
  celebrate: boolean;
}

export async function getGroup(db: Db, id: string): Promise<Group | null> {
  const r = await db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, title: r.title, timezone: r.timezone as TimeZone, promptTime: r.prompt_time as TimeOfDay } : null;
}

export async function saveGroup(db: Db, g: Group & { createdBy: string; nextPromptAt: Date | null; nextRollcallAt: Date | null }, now: Date) {
  const values = {
    title: g.title, timezone: g.timezone, prompt_time: g.promptTime,
    next_prompt_at: g.nextPromptAt ? toDbInstant(g.nextPromptAt) : null,
    next_rollcall_at: g.nextRollcallAt ? toDbInstant(g.nextRollcallAt) : null,
  };
  await db.insertInto('groups').values({ id: g.id, created_by: g.createdBy, created_at: toDbInstant(now), ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
}

export async function membersOf(db: Db, groupId: string): Promise<GroupMember[]> {
  const rows = await db.selectFrom('group_members').selectAll().where('group_id', '=', groupId).orderBy('joined_at').execute();
  return rows.map((r) => ({ personId: r.person_id, named: fromDbBool(r.named), celebrate: fromDbBool(r.celebrate) }));
}

export async function joinGroup(db: Db, groupId: string, personId: string, now: Date): Promise<boolean> {
  const r = await db.insertInto('group_members').values({ group_id: groupId, person_id: personId, named: 0, celebrate: 0, joined_at: toDbInstant(now) })
    .onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function leaveGroup(db: Db, groupId: string, personId: string): Promise<boolean> {
  const r = await db.deleteFrom('group_members').where('group_id', '=', groupId).where('person_id', '=', personId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** The groups a person is a member of, with their names, in the order joined. */
export async function groupsOf(db: Db, personId: string): Promise<{ id: string; title: string | null }[]> {
  return db.selectFrom('group_members').innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['groups.id', 'groups.title']).where('group_members.person_id', '=', personId)
    .orderBy('group_members.joined_at').execute();
}

export async function setMemberConsent(db: Db, groupId: string, personId: string, c: Partial<Omit<GroupMember, 'personId'>>): Promise<boolean> {
  const set: { named?: number; celebrate?: number } = {};
  if (c.named !== undefined) set.named = toDbBool(c.named);
  if (c.celebrate !== undefined) set.celebrate = toDbBool(c.celebrate);
  const r = await db.updateTable('group_members').set(set).where('group_id', '=', groupId).where('person_id', '=', personId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * A Telegram group upgraded to a supergroup gets a new id: carry the group and its queued
 * messages over. A message is sealed to its chat, so each is sealed again for the new id.
 */
export async function moveGroupChat(db: Db, seal: TextSeal, oldId: string, newId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('groups').selectAll().where('id', '=', oldId).executeTakeFirst();
    if (old && !(await trx.selectFrom('groups').select('id').where('id', '=', newId).executeTakeFirst())) {
      await trx.insertInto('groups').values({ ...old, id: newId }).execute();
      await trx.updateTable('group_members').set({ group_id: newId }).where('group_id', '=', oldId).execute();
      await trx.deleteFrom('groups').where('id', '=', oldId).execute();
    }
    // Including the one being sent right now: its retry must go to the new id.
    const waiting = await trx.selectFrom('outbox').select(['id', 'payload', 'idem_key', 'chat_id', 'recipient_id', 'reports_relapse', 'tells_status'])
      .where('chat_id', '=', oldId).where('status', 'in', ['queued', 'sending']).execute();
    for (const m of waiting) {
      await trx.updateTable('outbox').set({ chat_id: newId, ...resealForChat(m, seal, newId) }).where('id', '=', m.id).where('chat_id', '=', oldId).execute();
    }
  });
}

export type GroupDueColumn = 'next_prompt_at' | 'next_rollcall_at';

/** Groups whose prompt or roll call is due, with the due instant as stored. */
export async function dueGroups(db: Db, column: GroupDueColumn, now: Date, limit: number): Promise<{ id: string; due: string }[]> {
  const rows = await db.selectFrom('groups').select(['id', column]).where(column, '<=', toDbInstant(now)).limit(limit).execute();
  return rows.map((r) => ({ id: r.id, due: (r as Record<string, string>)[column]! }));
}

/** Compare-and-set: moves a group's due column from `due` to `next`; true for exactly one caller. */
export async function claimGroupDue(db: Db, id: string, column: GroupDueColumn, due: string, next: Date | null): Promise<boolean> {
  const r = await db.updateTable('groups').set({ [column]: next ? toDbInstant(next) : null })
    .where('id', '=', id).where(column, '=', due).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The groups where the person agreed to have milestones celebrated. */
export async function groupsCelebrating(db: Db, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('group_members').select('group_id').where('person_id', '=', personId).where('celebrate', '=', 1).execute();
  return rows.map((r) => r.group_id);
}

/** Whether the person, still a member, agrees to milestone celebrations in this group. */
export async function celebratesIn(db: Db, groupId: string, personId: string): Promise<boolean> {
  const m = await db.selectFrom('group_members').select('celebrate').where('group_id', '=', groupId).where('person_id', '=', personId).executeTakeFirst();
  return m?.celebrate === 1;
}
