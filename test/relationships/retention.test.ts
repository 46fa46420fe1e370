// Nothing kept longer than it is needed, down to the bytes on disk: a message's text (here the
// exact ciphertext it was stored as, and a note planted in it) is gone from the SQLite file,
// its write-ahead log and the data folder once it is delivered; an undelivered one's after the
// retention period; and a person's everything after /delete. Alice and Sam talk to the bot on a
// platform that does not answer inline (like Telegram), so every answer passes the outbox.
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, DAY_MS, type TestBot } from '../helpers/core-harness.js';
import { blocked, InProcessPlatform } from '../helpers/in-process-platform.js';
import { codeIn } from './world.js';
import { QUIET_PERIOD_MS } from '../../src/services/share-checkin.js';

const NOTE = 'PLANTED-NOTE-bittern-7310';
const QUIET = QUIET_PERIOD_MS + 60_000;
const ALICE = 'chat:alice';
const SAM = 'chat:sam';

let bot: TestBot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

async function setUp(dataKey: Buffer | null = randomBytes(32)) {
  const chat = new InProcessPlatform({ platform: 'chat', answersInline: false });
  const b = await createTestBot({ storage: 'sqlite-file', dataKey, ports: [chat] });
  bot = b;
  const say = async (account: string, text: string) => {
    await b.core.handle({ account, displayName: account === ALICE ? 'Alice' : 'Sam', chat: { id: account, kind: 'dm' }, text });
    await b.core.dispatcher.flush();
    return chat.deliveredTo(account).at(-1)?.text ?? '';
  };
  await say(ALICE, '/role recovery');
  await say(ALICE, '/timezone UTC');
  await say(SAM, '/role supporter');
  await say(SAM, `/accept ${codeIn(await say(ALICE, '/invite sponsor'))}`);
  await say(ALICE, '/share 1 alerts,sos,milestones,status,mood,notes');
  return { b, chat, say };
}

/** Every file in the bot's folder (the database, its -wal and -shm), as latin1 text. */
function onDisk(b: TestBot): string {
  return readdirSync(b.dir!).map((f) => readFileSync(join(b.dir!, f)).toString('latin1')).join('\n');
}

/** Stored ciphertexts, by a stretch from their middle (a whole value may be split across pages). */
const pieces = (values: string[]) => values.filter((v) => v.startsWith('gcm2:') && v.length > 60).map((v) => v.slice(20, 60));

describe('a message\'s text', () => {
  it('is gone from the database file and its log once the message is delivered', async () => {
    const { b, chat } = await setUp();
    await b.core.handle({ account: ALICE, displayName: 'Alice', chat: { id: ALICE, kind: 'dm' }, text: `/checkin sober mood:4 note:${NOTE}` });
    await b.core.handle({ account: ALICE, displayName: 'Alice', chat: { id: ALICE, kind: 'dm' }, text: '/export' });
    const waiting = (await b.db.selectFrom('outbox').select('payload').where('status', '=', 'queued').execute()).map((r) => r.payload);
    expect(waiting.length).toBeGreaterThanOrEqual(3); // her answers, her export file, Sam's status message
    b.advance(QUIET); // a check-in not marked done is shared once it has been left alone a while
    await b.core.dispatcher.flush();
    expect(chat.deliveredTo(SAM).at(-1)?.text).toContain(NOTE);
    expect(chat.deliveredTo(ALICE).some((d) => d.message.reply.attachment?.kind === 'file')).toBe(true);
    await b.core.tick();

    const rows = await b.db.selectFrom('outbox').selectAll().execute();
    expect(rows.every((r) => r.status === 'sent' && r.payload === '' && r.reports_relapse === 0 && (r.tells_status === null || r.tells_status.startsWith('gcm2:')))).toBe(true);
    const disk = onDisk(b);
    for (const piece of pieces(waiting)) expect(disk.includes(piece), piece).toBe(false);
    expect(disk).not.toContain(NOTE);
  });

  it('of an undelivered message is kept for the retention period, then erased; the row goes later', async () => {
    const { b, chat } = await setUp();
    chat.nextFor(SAM, blocked);
    await b.core.handle({ account: ALICE, displayName: 'Alice', chat: { id: ALICE, kind: 'dm' }, text: `/checkin sober mood:4 note:${NOTE}` });
    const [status] = await b.db.selectFrom('outbox').select(['id', 'payload']).where('topic', '=', 'status').execute();
    b.advance(QUIET);
    await b.core.dispatcher.flush();
    const held = await b.db.selectFrom('outbox').select(['status', 'payload']).where('id', '=', status!.id).executeTakeFirstOrThrow();
    expect(held).toEqual({ status: 'unreachable', payload: status!.payload });

    b.advance(6 * DAY_MS);
    await b.core.tick();
    expect(onDisk(b).includes(pieces([status!.payload])[0]!)).toBe(true); // within the retention period
    b.advance(DAY_MS + 60_000);
    await b.core.tick();
    expect(await b.db.selectFrom('outbox').select('payload').where('id', '=', status!.id).executeTakeFirstOrThrow()).toEqual({ payload: '' });
    expect(onDisk(b).includes(pieces([status!.payload])[0]!)).toBe(false);
    b.advance(23 * DAY_MS);
    await b.core.tick();
    expect(await b.db.selectFrom('outbox').select('id').where('id', '=', status!.id).executeTakeFirst()).toBeUndefined();
  });
});

describe('/delete', () => {
  it('leaves nothing of hers on disk: no sealed value, no held message, no failed code, not even the goodbye', async () => {
    const { b, chat, say } = await setUp();
    await say(ALICE, `/checkin relapse mood:2 note:${NOTE}`); // Sam's notice is held for 24 hours
    await say(ALICE, '/goal add call Sam on Sunday');
    await say(ALICE, '/accept WRONG-CODE1');
    const id = (await b.db.selectFrom('accounts').select('person_id').where('id', '=', ALICE).executeTakeFirstOrThrow()).person_id;
    const sealed = [
      ...(await b.db.selectFrom('checkins').select(['answers', 'note']).where('person_id', '=', id).execute()).flatMap((r) => [r.answers!, r.note!]),
      ...(await b.db.selectFrom('goals').select('text').where('person_id', '=', id).execute()).map((r) => r.text),
      ...(await b.db.selectFrom('outbox').select('payload').where('about_id', '=', id).execute()).map((r) => r.payload),
    ];
    expect(pieces(sealed).length).toBeGreaterThanOrEqual(4);
    expect(await b.db.selectFrom('code_attempts').select('account_id').execute()).toEqual([{ account_id: ALICE }]);

    expect(await say(ALICE, '/delete confirm')).toContain('Everything is erased');
    await b.core.tick();
    expect(chat.deliveredTo(SAM).map((d) => d.text).join('\n')).not.toContain(NOTE);
    const disk = onDisk(b);
    for (const piece of pieces(sealed)) expect(disk.includes(piece), piece).toBe(false);
    expect(disk.includes(ALICE)).toBe(false);
    expect(await b.db.selectFrom('code_attempts').selectAll().execute()).toEqual([]);
    expect(await b.db.selectFrom('outbox').select('chat_id').where('chat_id', '=', ALICE).execute()).toEqual([]);
  });

  it('without a key, the planted note itself is gone from the files', async () => {
    const { b, say } = await setUp(null);
    await say(ALICE, `/checkin sober mood:4 note:${NOTE}`);
    expect(onDisk(b)).toContain(NOTE); // so the search below can see it
    await say(ALICE, '/delete confirm');
    await b.core.tick();
    expect(onDisk(b)).not.toContain(NOTE);
  });
});

describe('/export', () => {
  it('lists messages still held about the person, with their text, and the failed codes of their accounts', async () => {
    const { chat, say } = await setUp();
    await say(ALICE, `/checkin relapse mood:2 note:${NOTE}`);
    await say(ALICE, '/accept WRONG-CODE1');
    await say(ALICE, '/export');
    const file = chat.deliveredTo(ALICE).map((d) => d.message.reply.attachment).find((a) => a?.kind === 'file')!;
    const mine = JSON.parse(Buffer.from(file.data).toString('utf8')) as Record<string, unknown>;
    expect(mine.outbox).toEqual([expect.objectContaining({ topic: 'status', status: 'queued', about: 'you', to: 'someone you are linked with' })]);
    expect((mine.outbox as { text: string }[])[0]!.text).toContain(NOTE);
    expect(mine.code_attempts).toEqual([expect.objectContaining({ account_id: ALICE })]);
    // Sam's export says a message about someone waits for him, not what it says: it is not his yet.
    await say(SAM, '/export');
    const his = chat.deliveredTo(SAM).map((d) => d.message.reply.attachment).find((a) => a?.kind === 'file')!;
    const text = Buffer.from(his.data).toString('utf8');
    expect(text).toContain('about someone else; shown to you once it is sent');
    expect(text).not.toContain(NOTE);
    expect(text).not.toMatch(/relapse/);
  });
});
