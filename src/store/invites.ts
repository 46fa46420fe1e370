import { toDbInstant } from './convert.js';
import type { Db } from './database.js';

export async function createInvite(db: Db, i: { codeHash: string; personId: string; relation: string; expiresAt: Date }, now: Date) {
  await db.insertInto('invites').values({
    code_hash: i.codeHash, person_id: i.personId, relation: i.relation,
    created_at: toDbInstant(now), expires_at: toDbInstant(i.expiresAt), used_at: null,
  }).execute();
}

/**
 * Takes an invite by compare-and-set: unused and unexpired becomes used, once. Returns the
 * invite, or why it cannot be used. Used and expired codes are told apart only as "not valid".
 */
export async function redeemInvite(db: Db, codeHash: string, now: Date): Promise<{ personId: string; relation: string } | null> {
  const row = await db.selectFrom('invites').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= toDbInstant(now)) return null;
  const r = await db.updateTable('invites').set({ used_at: toDbInstant(now) })
    .where('code_hash', '=', codeHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? { personId: row.person_id, relation: row.relation } : null;
}

export async function peekInvite(db: Db, codeHash: string, now: Date): Promise<{ personId: string; relation: string } | null> {
  const row = await db.selectFrom('invites').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= toDbInstant(now)) return null;
  return { personId: row.person_id, relation: row.relation };
}

export async function recordFailedAttempt(db: Db, account: string, now: Date): Promise<void> {
  await db.insertInto('code_attempts').values({ account_id: account, at: toDbInstant(now) }).execute();
}

export async function failedAttemptsSince(db: Db, account: string, since: Date): Promise<number> {
  const r = await db.selectFrom('code_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', account).where('at', '>=', toDbInstant(since)).executeTakeFirstOrThrow();
  return Number(r.n);
}
