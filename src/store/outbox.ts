import { randomUUID } from 'node:crypto';
import type { RecoveryStatus } from '../domain/checkin.js';
import type { Scope } from '../domain/consent.js';
import type { LocalDate } from '../domain/local-date.js';
import { platformOf } from '../domain/platform-id.js';
import { deliveryPriority } from '../domain/delivery-priority.js';
import { kindOf, type MessageKind, type MessageTopic } from '../domain/message-topic.js';
import type { Destination } from '../ports/platform.js';
import type { Reply } from '../ports/reply.js';
import { fromDbBool, fromDbInstant, toDbBool, toDbInstant } from './convert.js';
import { sql, type Expression, type SqlBool } from 'kysely';
import { isSqlite, type Db } from './database.js';
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
  /** Relapse news: it reports a relapse, or corrects one (a partner on "relapse notices" receives only these). */
  reportsRelapse?: boolean;
  /** Status news and its corrections: the day's status it tells. */
  tellsStatus?: RecoveryStatus | null;
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

/** Where a message's sealed values are bound: its key, its chat and its recipient. */
type Place = Parameters<typeof outboxPlace>[0];
type SealedRow = Pick<OutboxTable, 'payload' | 'idem_key' | 'chat_id' | 'recipient_id' | 'reports_relapse'>;

/**
 * The sealed payload: the reply and whether it is relapse news. That flag lives inside the
 * seal, not in a column, so a waiting message does not say in clear that it reports a relapse.
 */
interface Envelope {
  v: 2;
  reply: Omit<Reply, 'attachment'> & { attachment?: Record<string, unknown> & { data: string } };
  relapse?: true;
}

function encodePayload(reply: Reply, relapse: boolean, seal: TextSeal, place: Place): string {
  const att = reply.attachment ? { ...reply.attachment, data: Buffer.from(reply.attachment.data).toString('base64') } : undefined;
  const { aboutPerson: _about, ...rest } = reply;
  const envelope: Envelope = { v: 2, reply: { ...rest, attachment: att }, ...(relapse ? { relapse: true as const } : {}) };
  return seal.seal(JSON.stringify(envelope), placeOf('outbox', 'payload', place));
}

/** The reply and its relapse flag; rows queued before the flag moved into the payload still have it in their column. */
function decodePayload(row: SealedRow, seal: TextSeal): { reply: Reply; relapse: boolean } {
  const body = JSON.parse(seal.open(row.payload, placeOf('outbox', 'payload', row))) as Envelope | Envelope['reply'];
  const [r, relapse] = 'v' in body && body.v === 2 ? [body.reply, body.relapse === true] : [body as Envelope['reply'], row.reports_relapse === 1];
  const reply = r.attachment ? { ...r, attachment: { ...r.attachment, data: new Uint8Array(Buffer.from(r.attachment.data, 'base64')) } } as Reply : r as Reply;
  return { reply, relapse };
}

/** The day's status a status message tells, sealed like its text and bound to the same place. */
function sealStatus(status: RecoveryStatus | null | undefined, seal: TextSeal, place: Place): string | null {
  return status ? seal.seal(status, placeOf('outbox', 'tells_status', place)) : null;
}

function openStatus(row: Pick<OutboxTable, 'tells_status' | 'idem_key' | 'chat_id' | 'recipient_id'>, seal: TextSeal): RecoveryStatus | null {
  return row.tells_status ? seal.open(row.tells_status, placeOf('outbox', 'tells_status', row)) as RecoveryStatus : null;
}

/** Seals a waiting message again for a new place (a group that moved to a new chat id). */
export function resealForChat(row: SealedRow & Pick<OutboxTable, 'tells_status'>, seal: TextSeal, chatId: string): { payload: string; tells_status: string | null } {
  const { reply, relapse } = decodePayload(row, seal);
  const to = { idem_key: row.idem_key, chat_id: chatId, recipient_id: row.recipient_id };
  return { payload: encodePayload(reply, relapse, seal, to), tells_status: sealStatus(openStatus(row, seal), seal, to) };
}


const placeFor = (m: NewOutboxMessage): Place => ({ idem_key: m.key, chat_id: m.to.chatId, recipient_id: m.recipientId });

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
    tells_status: sealStatus(m.tellsStatus, seal, placeFor(m)),
    link_id: m.linkId ?? null,
    replaces_message_id: m.replaces ?? null,
    urgent: toDbBool(m.urgent ?? false),
    priority: deliveryPriority(m.topic, m.urgent ?? false),
    payload: encodePayload(m.reply, m.reportsRelapse ?? false, seal, placeFor(m)),
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
    tellsStatus: openStatus(row, seal),
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

/** Queued rows due now, first in line first (priority, then age); `platforms` narrows them to the ones given. */
export async function dueMessages(db: Db, now: Date, limit: number, platforms?: readonly string[]): Promise<OutboxTable[]> {
  if (platforms && platforms.length === 0) return [];
  let q = db.selectFrom('outbox').selectAll()
    .where('status', '=', sql.lit('queued')).where('not_before', '<=', toDbInstant(now));
  if (platforms) q = q.where('platform', 'in', platforms);
  return q.orderBy('priority').orderBy('not_before').orderBy('created_at').limit(limit).execute();
}

export interface TurnOptions {
  /** The platforms whose rows to take (those this instance sends for); none: nothing is taken. */
  platforms: readonly string[];
  /** Chats over their limit right now: their rows are not read at all. */
  skipChats?: readonly string[];
  /** How many rows one chat may have in a batch (its first by priority and age); 1 by default. */
  perChat?: number;
}

/** How far down the line (by priority and age) a batch looks for its rows, past chats' later rows. */
const SCAN_PER_ROW = 2;
const MIN_SCAN = 1_000;
/** How many instances claiming at the same moment still each find a full batch (PostgreSQL). */
const CLAIMERS = 3;

/**
 * The next rows in line, as ids with their order: every chat's first row (by priority, then
 * age), then every chat's second, and so on (round robin), higher priority always first.
 * A chat with thousands queued is one candidate, not thousands, and a chat over its limit
 * is not read. Only the first rows of the line (read in order from the outbox_turns index) are
 * looked at, so the cost does not grow with the queue.
 */
function turns(db: Db, now: Date, limit: number, o: TurnOptions) {
  const skip = o.skipChats ?? [];
  const sqlite = isSqlite(db);
  // Chats are told apart byte by byte: PostgreSQL's default collation makes the sort by chat several times slower.
  const chatKey = sqlite ? sql<string>`chat_id` : sql<string>`chat_id collate "C"`;
  const line = db.selectFrom('outbox').select(['id', chatKey.as('chat_key'), 'chat_kind', 'priority', 'not_before', 'created_at'])
    .where('status', '=', sql.lit('queued'))
    // SQLite would rather range over the older (status, not_before) index and sort everything due;
    // a unary plus keeps it on the line's own index, read in order and stopped at the limit.
    .where(sqlite ? sql<string>`+not_before` : sql<string>`not_before`, '<=', toDbInstant(now))
    .where('platform', 'in', o.platforms)
    // One statement text however many chats are skipped (the SQLite statement cache stays warm).
    .$if(skip.length > 0, (q) => q.where(notAmong('chat_id', skip, sqlite)))
    .orderBy('priority').orderBy('not_before').limit(Math.max(limit * SCAN_PER_ROW, MIN_SCAN));
  const ranked = db.selectFrom(line.as('w')).select((eb) => [
    'w.id', 'w.priority', 'w.not_before', 'w.chat_kind',
    eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('w.chat_key').orderBy('w.priority').orderBy('w.not_before').orderBy('w.created_at')).as('turn'),
  ]);
  // Within a priority and turn, a group goes before private chats: it may take only one message
  // every few seconds (Telegram: 20 a minute), so a group left to the end of a wave would trail
  // it by minutes, while a private chat waits at most a slot per group for it.
  return db.selectFrom(ranked.as('t')).select('t.id').where('t.turn', '<=', o.perChat ?? 1)
    .orderBy('t.priority').orderBy('t.turn').orderBy(sql`case when t.chat_kind = 'group' then 0 else 1 end`).orderBy('t.not_before').limit(limit);
}

function notAmong(column: 'chat_id', values: readonly string[], sqlite: boolean): Expression<SqlBool> {
  return sqlite
    ? sql<SqlBool>`${sql.ref(column)} not in (select value from json_each(${JSON.stringify(values)}))`
    : sql<SqlBool>`${sql.ref(column)} <> all(${sql.val(values)}::text[])`;
}

/**
 * Takes the next rows in line for sending (queued → sending, attempts counted) as one batch,
 * and returns them in line order. On SQLite that is one statement (one writer). On PostgreSQL
 * the candidates are read, then claimed in one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP
 * LOCKED LIMIT n) RETURNING, so instances claiming at once split the line instead of queueing
 * on the same rows; each row goes to exactly one claimer either way.
 */
export async function claimTurns(db: Db, now: Date, limit: number, o: TurnOptions): Promise<OutboxTable[]> {
  if (limit <= 0 || o.platforms.length === 0) return [];
  if (isSqlite(db)) {
    // One writer: the rows it picks are its own until the statement ends.
    const rows = await db.updateTable('outbox')
      .set((eb) => ({ status: 'sending', claimed_at: toDbInstant(now), attempts: eb('attempts', '+', 1) }))
      // The rows come from the queued ones in this same statement: matched by primary key only.
      .where('id', 'in', turns(db, now, limit, o))
      .returningAll().execute();
    return rows.sort(inLine);
  }
  // Three times as many candidates as taken: rows other instances are claiming right now are
  // skipped, not waited for, and two more instances still find rows of their own. They are read
  // first and passed as an array of ids, so the planner knows how few they are and takes each by
  // primary key (given as a subquery it chose to scan the whole outbox and hash it).
  const candidates = (await turns(db, now, limit * CLAIMERS, o).execute()).map((r) => r.id);
  if (candidates.length === 0) return [];
  // Each candidate in line order is looked up by primary key and locked unless another claimer
  // holds it, until the batch is full (a lateral lookup: a join here was planned as a scan of the
  // whole outbox, and a sort would lock every candidate before the limit).
  const lockable = sql<string>`select x.id from unnest(${sql.val(candidates)}::text[]) as c(id)
    cross join lateral (select o.id from outbox o where o.id = c.id and o.status = 'queued' for update skip locked) as x
    limit ${limit}`;
  const rows = await db.updateTable('outbox')
    .set((eb) => ({ status: 'sending', claimed_at: toDbInstant(now), attempts: eb('attempts', '+', 1) }))
    .where(sql<SqlBool>`id in (${lockable})`).where('status', '=', sql.lit('queued'))
    .returningAll().execute();
  return rows.sort(inLine);
}

/** Priority, then age: the order rows go out in. */
function inLine(a: OutboxTable, b: OutboxTable): number {
  return a.priority - b.priority || (a.not_before < b.not_before ? -1 : a.not_before > b.not_before ? 1 : 0);
}

/** Gives claimed rows back to the queue untouched: their place in line, their attempts, their last error. */
export async function unclaimMessage(db: Db, row: Pick<OutboxTable, 'id' | 'not_before' | 'last_error'>): Promise<void> {
  await db.updateTable('outbox')
    .set((eb) => ({ status: 'queued', not_before: row.not_before, last_error: row.last_error, attempts: eb('attempts', '-', 1) }))
    .where('id', '=', row.id).where('status', '=', 'sending').execute();
}

export async function finishMessage(
  db: Db, id: string, status: Exclude<OutboxStatus, 'queued' | 'sending'>, now: Date,
  /** `refund`: the claim that counted an attempt sent nothing (a row skipped as no longer relevant). */
  extra: { error?: string; platformMessageId?: string; refund?: boolean } = {},
): Promise<void> {
  await db.updateTable('outbox').set((eb) => ({
    status,
    sent_at: status === 'sent' ? toDbInstant(now) : null,
    last_error: extra.error ?? null,
    platform_message_id: extra.platformMessageId ?? null,
    ...(extra.refund ? { attempts: sql<number>`case when ${eb.ref('status')} = 'sending' then ${eb.ref('attempts')} - 1 else ${eb.ref('attempts')} end` } : {}),
  })).where('id', '=', id)
    // A final state is written only over the state it follows: "skipped" decides a queued or
    // just-claimed row, failures end a send in flight, and "sent" wins even if the row was requeued meanwhile.
    .where('status', 'in', status === 'sent' || status === 'skipped' ? ['sending', 'queued'] : ['sending'])
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
 * crash loop can never become a message storm. `claimedBefore`: only claims older than any
 * live send could be; `platform`: only that platform's rows (a new sender takes back all the
 * previous one left: it holds the platform's lock only once that sender's connection is gone);
 * `except`: rows a live dispatcher here is still sending.
 */
export async function recoverInterrupted(
  db: Db, o: { claimedBefore?: Date; platform?: string; except?: ReadonlySet<string> },
): Promise<{ requeued: number; failed: number }> {
  // Read first: a tick with nothing stuck costs this one statement.
  const stuck = (await db.selectFrom('outbox').select(['id', 'last_error']).where('status', '=', 'sending')
    .$if(o.claimedBefore !== undefined, (q) => q.where('claimed_at', '<', toDbInstant(o.claimedBefore!)))
    .$if(o.platform !== undefined, (q) => q.where('platform', '=', o.platform!))
    .execute()).filter((r) => !o.except?.has(r.id));
  const mark = async (ids: string[], to: { status: 'failed' | 'queued'; last_error: string }) => (ids.length === 0 ? 0
    : Number((await db.updateTable('outbox').set(to).where('id', 'in', ids).where('status', '=', 'sending').executeTakeFirst()).numUpdatedRows));
  const failed = await mark(stuck.filter((r) => r.last_error === 'interrupted').map((r) => r.id), { status: 'failed', last_error: 'interrupted twice; outcome unknown' });
  const requeued = await mark(stuck.filter((r) => r.last_error !== 'interrupted').map((r) => r.id), { status: 'queued', last_error: 'interrupted' });
  return { requeued, failed };
}

export async function outboxCounts(db: Db): Promise<Record<OutboxStatus, number>> {
  const rows = await db.selectFrom('outbox').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const out = { queued: 0, sending: 0, sent: 0, failed: 0, unreachable: 0, skipped: 0 };
  for (const r of rows) out[r.status as OutboxStatus] = Number(r.n);
  return out;
}

/**
 * Status news about a person still waiting (from `after` on, when given), opened: whether each
 * is relapse news and what it tells lives only inside the seal. They are few (a day's, per
 * supporter), so they are read and opened rather than selected by a clear column.
 */
async function waitingStatusNews(db: Db, seal: TextSeal, aboutId: string, after?: Date) {
  let q = db.selectFrom('outbox').select(['id', 'recipient_id', 'not_before', 'payload', 'idem_key', 'chat_id', 'reports_relapse', 'tells_status'])
    .where('about_id', '=', aboutId).where('topic', 'in', ['status', 'status-correction']).where('status', '=', 'queued');
  if (after) q = q.where('not_before', '>', toDbInstant(after));
  const rows = await q.orderBy('not_before').execute();
  return rows.map((r) => ({ id: r.id, recipientId: r.recipient_id, notBefore: r.not_before, relapse: decodePayload(r, seal).relapse, tells: openStatus(r, seal) }));
}

/** Held relapse news about a person (a notice, or a correction to one) is released now: they chose to let their supporters know. */
export async function releaseHeldRelapseNews(db: Db, seal: TextSeal, aboutId: string, now: Date): Promise<number> {
  const ids = (await waitingStatusNews(db, seal, aboutId, now)).filter((m) => m.relapse).map((m) => m.id);
  if (ids.length === 0) return 0;
  const r = await db.updateTable('outbox').set({ not_before: toDbInstant(now) })
    .where('id', 'in', ids).where('status', '=', 'queued').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Who is waiting for held relapse news about a person, and until when. */
export async function heldRelapseNews(db: Db, seal: TextSeal, aboutId: string): Promise<{ recipientId: string; until: Date }[]> {
  return (await waitingStatusNews(db, seal, aboutId))
    .filter((m) => m.relapse && m.tells === 'relapse' && m.recipientId !== null)
    .map((m) => ({ recipientId: m.recipientId!, until: fromDbInstant(m.notBefore) }));
}

/**
 * Replaces the message still queued about the same thing (topic, person, date) for the same
 * recipient, so what goes out is the latest version; queues it anew when none is waiting. A
 * relapse already held keeps its hour: an edit inside the window changes what is shared, not when.
 */
export async function replaceQueuedNews(db: Db, seal: TextSeal, m: NewOutboxMessage, now: Date): Promise<boolean> {
  const waiting = await db.selectFrom('outbox').select(['id', 'idem_key', 'chat_id', 'recipient_id', 'tells_status', 'not_before'])
    .where('about_id', '=', m.aboutId ?? null).where('topic', '=', m.topic).where('about_date', '=', m.aboutDate ?? null)
    .where('recipient_id', '=', m.recipientId).where('status', '=', 'queued').executeTakeFirst();
  if (!waiting) return enqueueMessage(db, seal, m, now);
  const stillHeld = openStatus(waiting, seal) === 'relapse' && m.tellsStatus === 'relapse';
  // The row keeps its key; its chat may change (the recipient's home account), so its values are sealed for that place.
  const place = { idem_key: waiting.idem_key, chat_id: m.to.chatId, recipient_id: waiting.recipient_id };
  const r = await db.updateTable('outbox').set({
    payload: encodePayload(m.reply, m.reportsRelapse ?? false, seal, place),
    needs_scopes: m.needs && m.needs.length > 0 ? m.needs.join(',') : null,
    reports_relapse: 0,
    tells_status: sealStatus(m.tellsStatus, seal, place),
    chat_id: m.to.chatId,
    platform: platformOf(m.to.chatId),
    not_before: stillHeld ? waiting.not_before : toDbInstant(m.notBefore),
  }).where('id', '=', waiting.id).where('status', '=', 'queued').executeTakeFirst();
  // Taken for sending in the meantime: what went is what was current a moment ago; queue the rest anew.
  return Number(r.numUpdatedRows) === 1 || enqueueMessage(db, seal, { ...m, key: `${m.key}:again` }, now);
}

/**
 * For each recipient, the day's status that the status news they were sent about a date told
 * last. What a delivered message told stays (sealed) after its text is gone, for this.
 */
export async function toldStatus(db: Db, seal: TextSeal, aboutId: string, date: LocalDate): Promise<Map<string, RecoveryStatus>> {
  const rows = await db.selectFrom('outbox').select(['recipient_id', 'tells_status', 'idem_key', 'chat_id'])
    .where('about_id', '=', aboutId).where('topic', 'in', ['status', 'status-correction']).where('about_date', '=', date)
    .where('status', 'in', ['sent', 'sending']).orderBy('created_at').execute();
  const told = new Map<string, RecoveryStatus>();
  for (const r of rows) {
    const status = openStatus(r, seal);
    if (r.recipient_id && status) told.set(r.recipient_id, status);
  }
  return told;
}

/** News about a person's day still waiting for some recipients is never sent; its text goes with it. */
export async function withdrawQueuedNews(db: Db, aboutId: string, date: LocalDate, topic: MessageTopic, recipients: readonly string[], reason: string): Promise<void> {
  if (recipients.length === 0) return;
  await db.updateTable('outbox').set({ status: 'skipped', last_error: reason, payload: '', tells_status: null })
    .where('about_id', '=', aboutId).where('topic', '=', topic).where('status', '=', 'queued').where('about_date', '=', date)
    .where('recipient_id', 'in', recipients).execute();
}

/**
 * A day's check-in moved to another date: its status news, waiting or already sent, is now
 * about that date. Returns who had already been told (they need one correction).
 */
export async function moveStatusNews(db: Db, aboutId: string, from: LocalDate, to: LocalDate): Promise<string[]> {
  const told = await db.selectFrom('outbox').select('recipient_id').distinct()
    .where('about_id', '=', aboutId).where('topic', 'in', ['status', 'status-correction']).where('about_date', '=', from)
    .where('status', 'in', ['sent', 'sending']).execute();
  await db.updateTable('outbox').set({ about_date: to })
    .where('about_id', '=', aboutId).where('topic', 'in', ['status', 'status-correction']).where('about_date', '=', from)
    .where('status', 'in', ['queued', 'sent', 'sending']).execute();
  return told.map((r) => r.recipient_id).filter((id): id is string => id !== null);
}

/** Who was alerted (or is about to be) that a person missed check-ins on dates after `after`. */
export async function alertedAboutMissesAfter(db: Db, aboutId: string, after: LocalDate): Promise<string[]> {
  const rows = await db.selectFrom('outbox').select('recipient_id').distinct()
    .where('about_id', '=', aboutId).where('topic', 'in', ['missed', 'escalation']).where('about_date', '>', after)
    .where('status', 'in', ['queued', 'sending', 'sent']).execute();
  return rows.map((r) => r.recipient_id).filter((id): id is string => id !== null);
}

/** Whether a coach was already told of this run of misses (an escalation about a date after `after`). */
export async function escalatedAfter(db: Db, aboutId: string, after: LocalDate): Promise<boolean> {
  const row = await db.selectFrom('outbox').select('id')
    .where('about_id', '=', aboutId).where('topic', '=', 'escalation').where('about_date', '>', after).executeTakeFirst();
  return row !== undefined;
}
