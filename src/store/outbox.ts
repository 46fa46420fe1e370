import { randomUUID } from 'node:crypto';
import type { Scope } from '../domain/consent.js';
import type { LocalDate } from '../domain/local-date.js';
import { platformOf } from '../domain/platform-id.js';
import { kindOf, type MessageKind, type MessageTopic } from '../domain/message-topic.js';
import type { Destination } from '../ports/platform.js';
import type { Reply } from '../ports/reply.js';
import { fromDbBool, fromDbInstant, toDbBool, toDbInstant } from './convert.js';
import type { Db } from './database.js';
import { outboxPlace, placeOf } from './person-registry.js';
import type { OutboxTable } from './schema.js';
import type { TextSeal } from './sealed-text.js';

/** A message's visible life: queued → sending → sent, or failed / unreachable / skipped. */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unreachable' | 'skipped';

export interface NewOutboxMessage {
  /** The message's identity, unique per message (a second enqueue with it is a no-op). Never read for meaning. */
  key: string;
  /** What it is about; decides how it is delivered (its kind). */
  topic: MessageTopic;
  to: Destination;
  recipientId: string | null;
  /** Whose data the message carries; consent is checked against it when it is sent. */
  aboutId?: string | null;
  /** The local date it is about: a prompt's day, the day a status reports. */
  aboutDate?: LocalDate | null;
  /** Every scope its content needs; all must still be granted on the link when it is sent. */
  needs?: readonly Scope[];
  /** A status message that reports a relapse (a partner on "relapse notices" receives only these). */
  reportsRelapse?: boolean;
  /** The link whose own state decides whether it may still go (FANOS: while the partner is ready). */
  linkId?: string | null;
  /** Ignores quiet hours (SOS). */
  urgent?: boolean;
  /** A platform message id to change in place (a pressed guided form), where the platform can. */
  replaces?: string | null;
  reply: Reply;
  notBefore: Date;
}

export interface OutboxMessage extends Omit<NewOutboxMessage, 'notBefore' | 'needs' | 'aboutDate'> {
  id: string;
  kind: MessageKind;
  aboutDate: LocalDate | null;
  needs: Scope[];
  status: OutboxStatus;
  attempts: number;
  notBefore: Date;
  claimedAt: Date | null;
  lastError: string | null;
}

/**
 * The sealed payload: the reply and whether it reports a relapse. That flag lives inside the
 * seal, not in a column, so a waiting status message does not say in clear what it reports.
 */
interface Envelope {
  v: 2;
  reply: Reply & { attachment?: { data: string } };
  relapse?: true;
}

function encodePayload(reply: Reply, relapse: boolean, seal: TextSeal, place: Parameters<typeof outboxPlace>[0]): string {
  const att = reply.attachment ? { ...reply.attachment, data: Buffer.from(reply.attachment.data).toString('base64') } : undefined;
  const { aboutPerson: _about, ...rest } = reply;
  const envelope = { v: 2, reply: { ...rest, attachment: att }, ...(relapse ? { relapse: true } : {}) };
  return seal.seal(JSON.stringify(envelope), placeOf('outbox', 'payload', place));
}

/** The reply and its relapse flag; rows queued before the flag moved into the payload still have it in their column. */
function decodePayload(row: Pick<OutboxTable, 'payload' | 'idem_key' | 'chat_id' | 'recipient_id' | 'reports_relapse'>, seal: TextSeal): { reply: Reply; relapse: boolean } {
  const body = JSON.parse(seal.open(row.payload, placeOf('outbox', 'payload', row))) as Envelope | (Reply & { attachment?: { data: string } });
  const [r, relapse] = 'v' in body && body.v === 2 ? [body.reply, body.relapse === true] : [body as Envelope['reply'], row.reports_relapse === 1];
  const reply = r.attachment ? { ...r, attachment: { ...r.attachment, data: new Uint8Array(Buffer.from(r.attachment.data, 'base64')) } } as Reply : r as Reply;
  return { reply, relapse };
}

/** Seals a payload again for a new place (a group that moved to a new chat id). */
export function resealPayload(row: Pick<OutboxTable, 'payload' | 'idem_key' | 'chat_id' | 'recipient_id' | 'reports_relapse'>, seal: TextSeal, to: Parameters<typeof outboxPlace>[0]): string {
  const { reply, relapse } = decodePayload(row, seal);
  return encodePayload(reply, relapse, seal, to);
}


/** Writes a message to the outbox; false when a message with that key exists already. */
export async function enqueueMessage(db: Db, seal: TextSeal, m: NewOutboxMessage, now: Date): Promise<boolean> {
  const r = await db.insertInto('outbox').values({
    id: randomUUID(),
    idem_key: m.key,
    kind: kindOf(m.topic),
    topic: m.topic,
    platform: platformOf(m.to.chatId),
    chat_id: m.to.chatId,
    chat_kind: m.to.kind,
    recipient_id: m.recipientId,
    about_id: m.aboutId ?? null,
    about_date: m.aboutDate ?? null,
    needs_scopes: m.needs && m.needs.length > 0 ? m.needs.join(',') : null,
    reports_relapse: 0,
    link_id: m.linkId ?? null,
    replaces_message_id: m.replaces ?? null,
    urgent: toDbBool(m.urgent ?? false),
    payload: encodePayload(m.reply, m.reportsRelapse ?? false, seal, { idem_key: m.key, chat_id: m.to.chatId, recipient_id: m.recipientId }),
    status: 'queued',
    attempts: 0,
    not_before: toDbInstant(m.notBefore),
    created_at: toDbInstant(now),
  }).onConflict((oc) => oc.column('idem_key').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export function toOutboxMessage(row: OutboxTable, seal: TextSeal): OutboxMessage {
  const { reply, relapse } = decodePayload(row, seal);
  return {
    id: row.id,
    key: row.idem_key,
    kind: row.kind as MessageKind,
    topic: row.topic as MessageTopic,
    to: { chatId: row.chat_id, kind: row.chat_kind as Destination['kind'] },
    recipientId: row.recipient_id,
    aboutId: row.about_id,
    aboutDate: row.about_date as LocalDate | null,
    needs: row.needs_scopes ? (row.needs_scopes.split(',') as Scope[]) : [],
    reportsRelapse: relapse,
    linkId: row.link_id,
    replaces: row.replaces_message_id,
    urgent: fromDbBool(row.urgent),
    reply,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    notBefore: fromDbInstant(row.not_before),
    claimedAt: row.claimed_at ? fromDbInstant(row.claimed_at) : null,
    lastError: row.last_error,
  };
}

export async function dueMessages(db: Db, now: Date, limit: number): Promise<OutboxTable[]> {
  return db.selectFrom('outbox').selectAll()
    .where('status', '=', 'queued').where('not_before', '<=', toDbInstant(now))
    .orderBy('not_before').orderBy('created_at').limit(limit).execute();
}

/** Compare-and-set from queued to sending: true for exactly one claimer. */
export async function claimMessage(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('outbox')
    .set((eb) => ({ status: 'sending', claimed_at: toDbInstant(now), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function finishMessage(
  db: Db, id: string, status: Exclude<OutboxStatus, 'queued' | 'sending'>, now: Date,
  extra: { error?: string; platformMessageId?: string } = {},
): Promise<void> {
  await db.updateTable('outbox').set({
    status,
    sent_at: status === 'sent' ? toDbInstant(now) : null,
    last_error: extra.error ?? null,
    platform_message_id: extra.platformMessageId ?? null,
  }).where('id', '=', id)
    // A final state is written only over the state it follows: "skipped" decides a queued row,
    // failures end a send in flight, and "sent" wins even if the row was requeued meanwhile.
    .where('status', 'in', status === 'skipped' ? ['queued'] : status === 'sent' ? ['sending', 'queued'] : ['sending'])
    .execute();
}

/** Puts a message back in the queue until `notBefore`; `refund` undoes the attempt count (rate limits are not failures). */
export async function requeueMessage(db: Db, id: string, notBefore: Date, error: string | null, refund = false): Promise<void> {
  await db.updateTable('outbox')
    .set((eb) => ({
      status: 'queued', not_before: toDbInstant(notBefore), last_error: error,
      attempts: refund ? eb('attempts', '-', 1) : eb('attempts', '+', 0),
    }))
    .where('id', '=', id).where('status', 'in', ['queued', 'sending']).execute();
}

/**
 * Messages left "sending" by a process that died: the send may or may not have reached
 * the platform. Each is sent again once; a second interruption marks it failed, so a
 * crash loop can never become a message storm.
 */
export async function recoverInterrupted(db: Db, claimedBefore: Date): Promise<{ requeued: number; failed: number }> {
  const stuck = await db.selectFrom('outbox').select(['id', 'last_error'])
    .where('status', '=', 'sending').where('claimed_at', '<', toDbInstant(claimedBefore)).execute();
  let requeued = 0;
  let failed = 0;
  for (const row of stuck) {
    if (row.last_error === 'interrupted') {
      await db.updateTable('outbox').set({ status: 'failed', last_error: 'interrupted twice; outcome unknown' })
        .where('id', '=', row.id).where('status', '=', 'sending').execute();
      failed += 1;
    } else {
      await db.updateTable('outbox').set({ status: 'queued', last_error: 'interrupted' })
        .where('id', '=', row.id).where('status', '=', 'sending').execute();
      requeued += 1;
    }
  }
  return { requeued, failed };
}

export async function outboxCounts(db: Db): Promise<Record<OutboxStatus, number>> {
  const rows = await db.selectFrom('outbox').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const out = { queued: 0, sending: 0, sent: 0, failed: 0, unreachable: 0, skipped: 0 };
  for (const r of rows) out[r.status as OutboxStatus] = Number(r.n);
  return out;
}

/** Waiting status news about a person (a day's, or any day's), with whether each reports a relapse: opened, since only the seal says. */
async function waitingStatusNews(db: Db, seal: TextSeal, aboutId: string, date?: LocalDate): Promise<{ id: string; relapse: boolean }[]> {
  let q = db.selectFrom('outbox').select(['id', 'payload', 'idem_key', 'chat_id', 'recipient_id', 'reports_relapse'])
    .where('about_id', '=', aboutId).where('topic', '=', 'status').where('status', '=', 'queued');
  if (date) q = q.where('about_date', '=', date);
  return (await q.execute()).map((r) => ({ id: r.id, relapse: decodePayload(r, seal).relapse }));
}

/** Held relapse news about a person is released now: they chose to let their supporters know. */
export async function releaseHeldRelapseNews(db: Db, seal: TextSeal, aboutId: string, now: Date): Promise<number> {
  const ids = (await waitingStatusNews(db, seal, aboutId)).filter((m) => m.relapse).map((m) => m.id);
  if (ids.length === 0) return 0;
  const r = await db.updateTable('outbox').set({ not_before: toDbInstant(now) }).where('id', 'in', ids).where('status', '=', 'queued').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * A day's status news about a person that has not gone yet is never sent (the day's check-in
 * moved or was corrected); `relapseOnly` keeps other news of that day. Its text goes with it.
 */
export async function withdrawStatusNews(db: Db, seal: TextSeal, aboutId: string, date: LocalDate, reason: string, relapseOnly = false): Promise<void> {
  const ids = (await waitingStatusNews(db, seal, aboutId, date)).filter((m) => !relapseOnly || m.relapse).map((m) => m.id);
  if (ids.length === 0) return;
  await db.updateTable('outbox').set({ status: 'skipped', last_error: reason, payload: '' }).where('id', 'in', ids).where('status', '=', 'queued').execute();
}
