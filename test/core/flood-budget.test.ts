// Budgets against floods in a group: an answer the whole group reads is posted once a minute,
// the asker gets a repeat privately where that is possible, the queue of ordinary answers waiting for
// any chat (a group or a private chat) is capped, and nothing a person needs privately (SOS, crisis replies) is ever held back.
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWERED_IN_GROUP_JUST_NOW, GROUP_BUSY_ANSWERED_HERE, GROUP_BUSY_NOTE } from '../../src/messages/flood-notices.js';
import { OPEN_PRIVATE_CHAT } from '../../src/messages/platform-notices.js';
import type { ChatRef } from '../../src/ports/inbound.js';
import { CommandRateLimit } from '../../src/services/command-pace.js';
import {
  answersToDrop, fingerprintOf, GROUP_BUDGET, GroupAnswerBudget, judgePublicAnswer, takeBusyNote, type GroupWindow,
} from '../../src/services/reply-budget.js';
import { reply } from '../../src/ports/reply.js';
import { enqueueMessage } from '../../src/store/outbox.js';
import { DROPPED_OVER_CAP } from '../../src/store/outbox-budget.js';
import { Writable } from 'node:stream';
import { createLog, type Log } from '../../src/log.js';
import { testDatabases } from '../helpers/databases.js';
import { accountOf, createTestCore, dmOf, type TestCore } from '../helpers/core-harness.js';
import { InProcessPlatform } from '../helpers/in-process-platform.js';

const GROUP: ChatRef = { id: 'test:group:1', kind: 'group', title: 'Tuesday group' };
const CAP = GROUP_BUDGET.queuedAnswersPerChat;
const MINUTE = 60_000;

describe('the group budget, as a rule', () => {
  const help = fingerprintOf(reply('help text', { private: false }));
  const at = (w: GroupWindow | undefined, fp: string, now: number, standIn = false) => judgePublicAnswer(w, { fingerprint: fp, standIn }, now);

  it('posts an answer once a minute; the same answer again within the minute is a repeat', () => {
    const first = at(undefined, help, 0);
    expect(first.verdict).toBe('post');
    expect(at(first.window, help, 59_999).verdict).toBe('repeat');
    expect(at(first.window, help, 60_000).verdict).toBe('post');
  });

  it('counts different answers: the group gets so many a minute, then is busy until the oldest is a minute old', () => {
    let w: GroupWindow | undefined;
    for (let i = 0; i < GROUP_BUDGET.answersPerWindow; i += 1) {
      const r = at(w, `answer ${i}`, i * 1_000);
      expect(r.verdict).toBe('post');
      w = r.window;
    }
    expect(at(w, 'one more', 20_000).verdict).toBe('busy');
    expect(at(w, 'one more', 60_000).verdict).toBe('post');
  });

  it('a note standing in for a private answer is never held for the group, only not repeated to the same person', () => {
    let w: GroupWindow | undefined;
    for (let i = 0; i < GROUP_BUDGET.answersPerWindow; i += 1) w = at(w, `answer ${i}`, 0).window;
    const note = reply(OPEN_PRIVATE_CHAT, { private: false });
    const ana = at(w, fingerprintOf(note, 'test:ana'), 1_000, true);
    expect(ana.verdict).toBe('post');
    expect(at(ana.window, fingerprintOf(note, 'test:bo'), 2_000, true).verdict).toBe('post');
    expect(at(ana.window, fingerprintOf(note, 'test:ana'), 2_000, true).verdict).toBe('repeat');
  });

  it('the cap drops the oldest waiting answers beyond it, never one being sent', () => {
    const state = new Map<string, 'queued' | 'sending'>([['a', 'sending'], ['b', 'queued'], ['c', 'queued'], ['d', 'queued']]);
    expect(answersToDrop(['a', 'b', 'c', 'd'], state, 2)).toEqual(['b']);
    expect(answersToDrop(['a', 'b', 'c', 'd'], state, 3)).toEqual([]);
    expect(answersToDrop(['gone', 'b', 'c', 'd'], state, 1)).toEqual(['b', 'c']);
  });

  it('the busy note is given once a minute', () => {
    const first = takeBusyNote(undefined, 0);
    expect(first.note).toBe(true);
    expect(takeBusyNote(first.window, 30_000).note).toBe(false);
    expect(takeBusyNote(first.window, 60_000).note).toBe(true);
  });

  it('keeps no text: an answer is known by a hash of its words and buttons', () => {
    const fp = fingerprintOf(reply('Here is what I can do', { private: false }));
    expect(fp).not.toContain('Here');
    expect(fp).toBe(fingerprintOf(reply('Here is what I can do', { private: false })));
    expect(fp).not.toBe(fingerprintOf(reply('Here is what I can do', { private: false, buttons: [[{ label: 'a', command: '/a' }]] })));
  });

  it('forgets quiet groups once it knows many, so its memory stays bounded', async () => {
    const budget = new GroupAnswerBudget();
    const r = reply('hello', { private: false });
    const asked = { account: null, standIn: false, privately: async () => ({ via: 'open-private-chat' as const }) };
    for (let i = 0; i <= 10_000; i += 1) await budget.decide(`test:group:${i}`, r, asked, 0);
    await budget.decide('test:group:late', r, asked, 2 * MINUTE);
    expect(budget.size).toBe(1);
  });
});

/** A platform that writes every answer as a message (Telegram-like), or answers inline with ephemeral replies (Discord-like). */
const telegramLike = (o: { admins?: boolean } = {}) => new InProcessPlatform({
  answersInline: false, ephemeral: false, checkGroupAdmin: o.admins ? () => true : undefined,
});

interface Row { chat_id: string; status: string; topic: string; last_error: string | null; payload: string }

describe('public answers in a group', () => {
  let t: TestCore | null = null;
  afterEach(async () => { await t?.close(); t = null; });

  const rows = async (): Promise<Row[]> => (await t!.db.selectFrom('outbox').select(['chat_id', 'status', 'topic', 'last_error', 'payload']).execute()) as Row[];
  const queuedIn = async (chatId: string) => (await rows()).filter((r) => r.chat_id === chatId && r.status === 'queued' && r.topic === 'answer');
  const send = (as: string, text: string, chat: ChatRef = GROUP) =>
    t!.core.handle({ account: accountOf(as), displayName: as, chat, text });
  /** The person writes to the bot privately once, so a direct message can reach them. */
  const opensPrivateChat = async (as: string) => {
    await send(as, '/help', dmOf(as));
  };
  /** What reached a chat, once the outbox is sent. */
  const delivered = async (platform: InProcessPlatform, chatId: string) => {
    await t!.core.dispatcher.flush();
    return platform.deliveredTo(chatId).map((c) => c.text);
  };

  it('a repeated /help is posted once a minute; the next asker gets it privately, saying why; someone unreachable is not answered twice', async () => {
    const platform = telegramLike();
    t = await createTestCore({ ports: [platform] });
    await opensPrivateChat('bo');
    await send('ana', '/help');
    t.clock.advance(10_000);
    await send('bo', '/help');
    t.clock.advance(10_000);
    await send('cy', '/help'); // cy never opened a private chat: the answer is right there in the group
    const inGroup = await delivered(platform, GROUP.id);
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]).toContain('Here is what I can do');
    const toBo = await delivered(platform, accountOf('bo'));
    expect(toBo).toHaveLength(1);
    expect(toBo[0]).toMatch(new RegExp(`^${ANSWERED_IN_GROUP_JUST_NOW.replace(/[.,:]/g, '.')}\\n\\nHere is what I can do`));
    expect(await delivered(platform, accountOf('cy'))).toEqual([]);
    // A minute after the group read it, it is answered there again.
    t.clock.advance(MINUTE);
    await send('cy', '/help');
    expect(await delivered(platform, GROUP.id)).toHaveLength(2);
  });

  it('on a platform with replies the sender alone sees, a repeat is shown to the asker alone', async () => {
    const platform = new InProcessPlatform({ answersInline: true, ephemeral: true });
    t = await createTestCore({ ports: [platform] });
    const first = await send('ana', '/help');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ visibility: 'chat' });
    const again = await send('bo', '/help');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ visibility: 'sender-only', private: true });
    expect(again[0]!.text.startsWith(ANSWERED_IN_GROUP_JUST_NOW)).toBe(true);
  });

  it('a group over its budget for the minute: the asker is answered privately, or the group gets one short note', async () => {
    const platform = telegramLike({ admins: true });
    t = await createTestCore({ ports: [platform] });
    await opensPrivateChat('alex');
    // Different public answers, one after another: each setup says its own time.
    for (let i = 0; i < GROUP_BUDGET.answersPerWindow; i += 1) {
      await send('alex', `/group setup 1${i}:00`);
      t.clock.advance(1_000);
    }
    expect(await queuedIn(GROUP.id)).toHaveLength(GROUP_BUDGET.answersPerWindow);
    await send('alex', '/group setup 31:99');
    const toAlex = await delivered(platform, accountOf('alex'));
    expect(toAlex.at(-1)!.startsWith(GROUP_BUSY_ANSWERED_HERE)).toBe(true);
    // Someone nobody can reach privately: one note tells the group what is going on, then quiet.
    await send('dee', '/group setup 32:99');
    await send('eve', '/group setup 33:99');
    const inGroup = await delivered(platform, GROUP.id);
    expect(inGroup).toHaveLength(GROUP_BUDGET.answersPerWindow + 1);
    expect(inGroup.at(-1)).toBe(GROUP_BUSY_NOTE);
  });

  it('never holds back what a person in crisis asks for: SOS answers go privately every time, and a note for someone unreachable is always posted', async () => {
    const platform = telegramLike({ admins: true });
    t = await createTestCore({ ports: [platform] });
    await opensPrivateChat('ana');
    // The group is busy and has just read the "open a private chat" note meant for someone else.
    for (let i = 0; i < GROUP_BUDGET.answersPerWindow; i += 1) await send('alex', `/group setup 1${i}:00`);
    await send('cy', '/sos');
    await send('bo', '/sos');
    await send('ana', '/sos');
    await send('ana', '/sos');
    const inGroup = await delivered(platform, GROUP.id);
    expect(inGroup.filter((x) => x === OPEN_PRIVATE_CHAT)).toHaveLength(2); // cy's and bo's, each their own
    const toAna = await delivered(platform, accountOf('ana'));
    expect(toAna.length).toBeGreaterThanOrEqual(2);
    expect(toAna.every((x) => !x.startsWith(ANSWERED_IN_GROUP_JUST_NOW) && !x.startsWith(GROUP_BUSY_ANSWERED_HERE))).toBe(true);
  });
});

for (const target of testDatabases()) {
  describe(`the cap on answers waiting for a group (${target.name})`, () => {
    let t: TestCore | null = null;
    let cleanup: (() => Promise<void>) | null = null;
    afterEach(async () => { await t?.close(); await cleanup?.(); t = null; cleanup = null; });
    const start = async (o: { log?: Log } = {}) => {
      const place = await target.storage();
      cleanup = place.cleanup;
      t = await createTestCore({ storage: place.storage, ports: [telegramLike()], ...o });
      return t;
    };
    const rows = async (): Promise<Row[]> => (await t!.db.selectFrom('outbox').select(['chat_id', 'status', 'topic', 'last_error', 'payload']).execute()) as Row[];
    const queuedIn = async (chatId: string) => (await rows()).filter((r) => r.chat_id === chatId && r.status === 'queued' && r.topic === 'answer');
    const send = (as: string, text: string, chat: ChatRef = GROUP) =>
      t!.core.handle({ account: accountOf(as), displayName: as, chat, text });

    it('caps the answers waiting for a group: the oldest are dropped, counted in the log, their text erased', async () => {
      const lines: Record<string, unknown>[] = [];
      const log = captureLog(lines);
      t = await start({ log });
      // Sixty people who never opened a private chat each ask for something private: each is owed
      // their own note, and none of it can go out while the platform is not sending.
      for (let i = 0; i < 60; i += 1) {
        await send(`p${i}`, '/sos');
        t.clock.advance(100);
      }
      expect(await queuedIn(GROUP.id)).toHaveLength(CAP);
      const dropped = (await rows()).filter((r) => r.last_error === DROPPED_OVER_CAP);
      expect(dropped).toHaveLength(60 - CAP);
      expect(dropped.every((r) => r.payload === '' && r.status === 'skipped' && r.topic === 'answer')).toBe(true);
      // The oldest went: everything still waiting was asked after everything dropped.
      const asked = async (status: string) => (await t!.db.selectFrom('outbox').select('created_at')
        .where('chat_id', '=', GROUP.id).where('status', '=', status).execute()).map((r) => new Date(r.created_at as string | Date).getTime()).sort((a, b) => a - b);
      expect((await asked('queued'))[0]! > (await asked('skipped')).at(-1)!).toBe(true);
      const counted = lines.filter((l) => l.event === 'answers-dropped');
      expect(counted.reduce((n, l) => n + (l.dropped as number), 0)).toBe(60 - CAP);
      expect(JSON.stringify(lines)).not.toContain('private chat with me');
      expect(JSON.stringify(lines)).not.toContain(GROUP.id);
    });

    it('never drops anything but ordinary answers: SOS news, prompts and group posts waiting for the same chat stay', async () => {
      t = await start();
      const now = t.clock.now();
      for (const topic of ['sos', 'group-prompt', 'group-rollcall', 'consent-ask', 'missed'] as const) {
        await enqueueMessage(t.db, t.seal, { key: `k:${topic}`, topic, to: { chatId: GROUP.id, kind: 'group' }, recipientId: null, reply: reply('x', { private: false }), notBefore: now }, now);
      }
      for (let i = 0; i < 40; i += 1) await send(`p${i}`, '/sos');
      const waiting = (await rows()).filter((r) => r.chat_id === GROUP.id && r.status === 'queued');
      expect(waiting.filter((r) => r.topic === 'answer')).toHaveLength(CAP);
      expect(waiting.filter((r) => r.topic !== 'answer')).toHaveLength(5);
    });
  });
}

describe('the cap across a restart, and with answers handled at once', () => {
  it('sixty answers to one group handled at the same time leave no more than the cap waiting', async () => {
    const t = await createTestCore({ ports: [telegramLike()] });
    await Promise.all(Array.from({ length: 60 }, (_, i) =>
      t.core.handle({ account: accountOf(`p${i}`), displayName: `p${i}`, chat: GROUP, text: '/sos' })));
    const waiting = await t.db.selectFrom('outbox').select('id').where('chat_id', '=', GROUP.id).where('status', '=', 'queued').execute();
    expect(waiting).toHaveLength(CAP);
    await t.close();
  });


  it('a new process counts the answers an earlier one left waiting for the group', async () => {
    const first = await createTestCore({ ports: [telegramLike()] });
    const send = (t: TestCore, as: string) => t.core.handle({ account: accountOf(as), displayName: as, chat: GROUP, text: '/sos' });
    for (let i = 0; i < CAP; i += 1) await send(first, `p${i}`);
    await first.db.destroy();
    const second = await createTestCore({ storage: { kind: 'sqlite', file: first.file! }, ports: [telegramLike()] });
    for (let i = CAP; i < CAP + 5; i += 1) await send(second, `p${i}`);
    const waiting = await second.db.selectFrom('outbox').select('id').where('chat_id', '=', GROUP.id).where('status', '=', 'queued').execute();
    expect(waiting).toHaveLength(CAP);
    await second.close();
    await first.close().catch(() => undefined);
  });
});

describe('no account and no group can make the outbox grow without bound', () => {
  let t: TestCore | null = null;
  afterEach(async () => { await t?.close(); t = null; });

  const send = (as: string, text: string, chat: ChatRef = GROUP) =>
    t!.core.handle({ account: accountOf(as), displayName: as, chat, text });
  const queuedFor = async (chatId: string) => Number((await t!.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('chat_id', '=', chatId).where('status', '=', 'queued').executeTakeFirstOrThrow()).n);
  const answersTo = async (chatId: string, urgent = false) => Number((await t!.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('chat_id', '=', chatId).where('topic', '=', 'answer').where('status', '=', 'queued').where('urgent', '=', urgent ? 1 : 0)
    .executeTakeFirstOrThrow()).n);

  // The platform sends nothing meanwhile (the worst case: it is down, or the group is at its limit).
  it('one account at the allowed command pace in one group for ten minutes: the group and the private chat stay capped, every SOS answer is kept', async () => {
    const platform = telegramLike();
    const clock = { ms: 0 };
    t = await createTestCore({ ports: [platform], commandLimit: new CommandRateLimit(10, 1_000, () => clock.ms) });
    await send('flo', '/help', dmOf('flo'));
    const kinds = ['/help', '/checkin', '/group join', '/sos', '/group setup 20:00', '/nonsense'];
    let sosAsks = 0;
    let most = 0;
    for (let s = 0; s < 600; s += 1) {
      clock.ms += 1_000;
      t.clock.advance(1_000);
      const text = kinds[s % kinds.length]!;
      await send('flo', text);
      if (text === '/sos') sosAsks += 1;
      if (s % 30 === 0) most = Math.max(most, await queuedFor(GROUP.id));
    }
    most = Math.max(most, await queuedFor(GROUP.id));
    expect(most).toBeLessThanOrEqual(CAP);
    // The group read each of its two public answers (/help, and "not a group yet" for /group join)
    // once a minute, not once for every ask: 20 in ten minutes instead of 200.
    const posted = await t.db.selectFrom('outbox').select('id').where('chat_id', '=', GROUP.id).execute();
    expect(posted.length).toBeLessThanOrEqual(2 * 10 + 2);
    // flo's private chat is capped too: the newest ordinary answers wait, the oldest were dropped;
    // but every answer to an SOS is still there, none dropped, and first in line.
    expect(await answersTo(accountOf('flo'))).toBeLessThanOrEqual(CAP);
    expect(await answersTo(accountOf('flo'), true)).toBeGreaterThanOrEqual(sosAsks);
    expect((await t.db.selectFrom('outbox').select('id').where('last_error', '=', DROPPED_OVER_CAP).where('urgent', '=', 1).execute())).toEqual([]);
  }, 120_000);

  it('many accounts in one group for ten minutes: the group queue and each private chat stay capped', async () => {
    const platform = telegramLike();
    t = await createTestCore({ ports: [platform], commandLimit: new CommandRateLimit(10, 1_000, () => t!.clock.now().getTime()) });
    const people = Array.from({ length: 12 }, (_, i) => `m${i}`);
    // Half of them have a private chat with the bot; the others can only be asked to open one.
    for (const p of people.slice(0, 6)) await send(p, '/help', dmOf(p));
    let most = 0;
    for (let s = 0; s < 600; s += 5) {
      t.clock.advance(5_000);
      for (const [i, p] of people.entries()) await send(p, (s / 5 + i) % 3 === 0 ? '/help' : '/checkin');
      most = Math.max(most, await queuedFor(GROUP.id));
    }
    // Six people owed a note each a minute, for ten minutes: the cap, not the flood, is what holds.
    expect(most).toBe(CAP);
    // Each person's private chat holds at most the cap of ordinary answers, and the newest of them.
    for (const p of people.slice(0, 6)) {
      const waiting = await answersTo(accountOf(p));
      expect(waiting).toBeGreaterThan(0);
      expect(waiting).toBeLessThanOrEqual(CAP);
    }
    // Once the platform sends again, everything still waiting arrives, once.
    await t.core.dispatcher.flush();
    expect(platform.duplicates().size).toBe(0);
    expect(await queuedFor(GROUP.id)).toBe(0);
  }, 120_000);
});

function captureLog(lines: Record<string, unknown>[]): Log {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return createLog('debug', sink);
}
