// A fake Telegram Bot API on 127.0.0.1: the real wire format for /bot<token>/<method>, enough
// of the API for Steadfast, a record of every call, and faults on demand (429, 403, 400,
// migrate_to_chat_id). Tests point the real telegraf at it with TELEGRAM_API_ROOT.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseTelegramHtml, type Entity } from '../telegram/fake-html.js';

export type { Entity } from '../telegram/fake-html.js';

export interface FakeUser { id: number; is_bot: false; first_name: string; last_name?: string; username?: string }
export interface FakeChat { id: number; type: 'private' | 'group' | 'supergroup'; title?: string; first_name?: string }
export interface Button { text: string; callback_data: string }
export interface FakeError { status: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } }

/** A message the bot sent, as a Telegram client would show it (text after HTML parsing). */
export interface SentMessage {
  chatId: number;
  messageId: number;
  method: string;
  /** The text, or the caption of a photo or document. */
  text: string;
  entities: Entity[];
  buttons: Button[][];
  file?: { field: string; filename: string; data: Buffer };
}

export interface ApiCall { method: string; params: Record<string, unknown>; status: number; at: number }

type Update = Record<string, unknown> & { update_id: number };

export const errors = {
  tooMany: (retryAfter: number): FakeError => ({ status: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } }),
  blocked: (): FakeError => ({ status: 403, description: 'Forbidden: bot was blocked by the user' }),
  cannotInitiate: (): FakeError => ({ status: 403, description: "Forbidden: bot can't initiate conversation with a user" }),
  chatNotFound: (): FakeError => ({ status: 400, description: 'Bad Request: chat not found' }),
  migrated: (to: number): FakeError => ({ status: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: to } }),
  serverError: (): FakeError => ({ status: 502, description: 'Bad Gateway' }),
  /** sendPhoto/sendDocument answered for good: Telegram would not take the picture. */
  pictureRefused: (): FakeError => ({ status: 400, description: 'Bad Request: IMAGE_PROCESS_FAILED' }),
  /** A Bot API server that lacks the method (a proxy or a local server with fewer methods). */
  noSuchMethod: (): FakeError => ({ status: 404, description: 'Not Found' }),
  /** A text Telegram refuses for good. */
  textRefused: (): FakeError => ({ status: 400, description: "Bad Request: can't parse entities" }),
};

const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument']);

export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  readonly sent: SentMessage[] = [];
  /** Every message as it appeared or was changed in place (edited), in order: what a person saw happen. */
  readonly shown: SentMessage[] = [];
  readonly answeredCallbacks: string[] = [];
  readonly commands = new Map<string, unknown>();
  /** Set by tests: return an error to fail a call, or undefined to let it through. */
  intercept: ((method: string, params: Record<string, unknown>) => FakeError | undefined) | null = null;
  webhook: { url: string; secret?: string } | null = null;
  readonly bot = { id: 777000111, is_bot: true, first_name: 'Steadfast', username: 'steadfast_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

  private queue: Update[] = [];
  private nextUpdateId = 1;
  private nextUserId = 1000;
  private nextGroupId = 1;
  private confirmedBelow = 0;
  private readonly waiters = new Set<() => void>();
  private readonly chats = new Map<number, FakeChat & { migratedTo?: number }>();
  private readonly started = new Set<number>();
  private readonly blocked = new Set<number>();
  private readonly members = new Map<string, string>();
  private readonly messageIds = new Map<number, number>();
  private readonly failures: { methods: Set<string>; error: FakeError; times: number }[] = [];

  private constructor(private readonly server: Server, readonly token: string, readonly apiRoot: string) {}

  static async start(token = '123456789:FAKE_token_for_tests_only_0123456'): Promise<FakeTelegram> {
    let fake: FakeTelegram | null = null;
    const server = createServer((req, res) => { void fake!.serve(req, res); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeTelegram(server, token, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  async close(): Promise<void> {
    for (const wake of this.waiters) wake();
    await new Promise<void>((resolve) => { this.server.close(() => resolve()); this.server.closeAllConnections(); });
  }

  // --- people and chats -----------------------------------------------------------------

  user(firstName: string, extra: { lastName?: string; username?: string } = {}): FakeUser {
    const u: FakeUser = { id: (this.nextUserId += 1), is_bot: false, first_name: firstName };
    if (extra.lastName) u.last_name = extra.lastName;
    if (extra.username) u.username = extra.username;
    this.chats.set(u.id, { id: u.id, type: 'private', first_name: firstName });
    return u;
  }

  group(title: string, admins: FakeUser[] = [], members: FakeUser[] = []): FakeChat {
    const chat: FakeChat = { id: -(100_000 + (this.nextGroupId += 1)), type: 'group', title };
    this.chats.set(chat.id, chat);
    this.members.set(`${chat.id}:${this.bot.id}`, 'member');
    for (const a of admins) this.members.set(`${chat.id}:${a.id}`, 'administrator');
    for (const m of members) this.members.set(`${chat.id}:${m.id}`, 'member');
    return chat;
  }

  setMember(chat: FakeChat, user: FakeUser, status: 'creator' | 'administrator' | 'member' | 'left' | 'kicked'): void {
    this.members.set(`${chat.id}:${user.id}`, status);
  }

  /** The user blocks the bot: sends to them answer 403. */
  block(user: FakeUser): void {
    this.blocked.add(user.id);
  }

  unblock(user: FakeUser): void {
    this.blocked.delete(user.id);
  }

  /** The group becomes a supergroup: sends to the old id answer 400 with migrate_to_chat_id. */
  migrate(chat: FakeChat): FakeChat {
    const next: FakeChat = { id: -1_000_000_000_000 + chat.id, type: 'supergroup', title: chat.title };
    this.chats.set(next.id, next);
    this.chats.get(chat.id)!.migratedTo = next.id;
    for (const [key, status] of [...this.members]) {
      if (key.startsWith(`${chat.id}:`)) this.members.set(`${next.id}:${key.split(':')[1]}`, status);
    }
    return next;
  }

  /** The next `times` calls of these methods fail with `error`. */
  failNext(methods: string | string[], error: FakeError, times = 1): void {
    this.failures.push({ methods: new Set(Array.isArray(methods) ? methods : [methods]), error, times });
  }

  // --- updates --------------------------------------------------------------------------

  /** Queues updates (all in one batch) and returns their ids; an update keeps a given update_id. */
  pushUpdates(...updates: Record<string, unknown>[]): number[] {
    const ids = updates.map((u) => {
      const full = { ...u, update_id: typeof u.update_id === 'number' ? u.update_id : (this.nextUpdateId += 1) } as Update;
      this.nextUpdateId = Math.max(this.nextUpdateId, full.update_id);
      this.queue.push(full);
      return full.update_id;
    });
    for (const wake of this.waiters) wake();
    return ids;
  }

  /** A message from a person, in their private chat with the bot or in a group. */
  messageUpdate(from: FakeUser, text: string, chat?: FakeChat): Record<string, unknown> {
    const c = chat ?? this.chats.get(from.id)!;
    if (c.type === 'private') this.started.add(from.id);
    const entities = /^\/\w+(@\w+)?/.exec(text) ? [{ type: 'bot_command', offset: 0, length: /^\/\S+/.exec(text)![0].length }] : undefined;
    return { message: { message_id: this.nextMessageId(c.id), from, chat: c, date: Math.floor(Date.now() / 1000), text, entities } };
  }

  say(from: FakeUser, text: string, chat?: FakeChat): number {
    return this.pushUpdates(this.messageUpdate(from, text, chat))[0]!;
  }

  /** A press on a button the bot sent; the callback data is what the bot put there. */
  pressUpdate(from: FakeUser, message: SentMessage, label: string): Record<string, unknown> {
    const button = message.buttons.flat().find((b) => b.text === label);
    if (!button) throw new Error(`no button "${label}" under message ${message.messageId}: ${message.buttons.flat().map((b) => b.text).join(', ')}`);
    const chat = this.chats.get(message.chatId)!;
    return {
      callback_query: {
        id: `cb${(this.nextUpdateId + 1) * 7}`, from, chat_instance: String(chat.id), data: button.callback_data,
        message: { message_id: message.messageId, from: this.bot, chat, date: Math.floor(Date.now() / 1000), text: message.text },
      },
    };
  }

  press(from: FakeUser, message: SentMessage, label: string): number {
    return this.pushUpdates(this.pressUpdate(from, message, label))[0]!;
  }

  /** True once the bot confirmed the update (called getUpdates with a higher offset). */
  acknowledged(updateId: number): boolean {
    return this.confirmedBelow > updateId;
  }

  // --- reading what happened ------------------------------------------------------------

  messagesTo(chat: { id: number }): SentMessage[] {
    return this.sent.filter((m) => m.chatId === chat.id);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 15_000, what = 'condition'): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== null && v !== false) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // --- the HTTP side --------------------------------------------------------------------

  private nextMessageId(chatId: number): number {
    const id = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, id);
    return id;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec((req.url ?? '').split('?')[0]!);
    const answer = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const fail = (e: FakeError) => answer(e.status, { ok: false, error_code: e.status, description: e.description, ...(e.parameters ? { parameters: e.parameters } : {}) });
    if (!m) return answer(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== this.token) return fail({ status: 401, description: 'Unauthorized' });
    const method = m[2]!;
    const { params, files } = await readParams(req);
    const call: ApiCall = { method, params, status: 200, at: Date.now() };
    this.calls.push(call);
    const injected = this.injected(method, params);
    if (injected) {
      call.status = injected.status;
      return fail(injected);
    }
    try {
      const result = await this.dispatch(method, params, files, req);
      answer(200, { ok: true, result });
    } catch (e) {
      const err = e as FakeError;
      if (typeof err.status !== 'number') throw e;
      call.status = err.status;
      fail(err);
    }
  }

  private injected(method: string, params: Record<string, unknown>): FakeError | undefined {
    const planned = this.failures.find((f) => f.methods.has(method) && f.times > 0);
    if (planned) {
      planned.times -= 1;
      return planned.error;
    }
    return this.intercept?.(method, params);
  }

  private async dispatch(method: string, p: Record<string, unknown>, files: Files, req: IncomingMessage): Promise<unknown> {
    switch (method) {
      case 'getMe': return this.bot;
      case 'getUpdates': return this.getUpdates(p, req);
      case 'deleteWebhook': this.webhook = null; return true;
      case 'setWebhook': this.webhook = { url: String(p.url), secret: p.secret_token as string | undefined }; return true;
      case 'getWebhookInfo': return { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.queue.length };
      case 'setMyCommands': this.commands.set(scopeKey(p.scope), p.commands); return true;
      case 'getMyCommands': return this.commands.get(scopeKey(p.scope)) ?? [];
      case 'answerCallbackQuery': this.answeredCallbacks.push(String(p.callback_query_id)); return true;
      case 'getChatMember': {
        const user = this.chats.get(Number(p.user_id));
        if (!this.chats.has(Number(p.chat_id)) || !user) throw errors.chatNotFound();
        return { status: this.members.get(`${Number(p.chat_id)}:${Number(p.user_id)}`) ?? 'left', user: { id: user.id, is_bot: false, first_name: user.first_name } };
      }
      case 'editMessageText': {
        const msg = this.sent.find((s) => s.chatId === Number(p.chat_id) && s.messageId === Number(p.message_id));
        if (!msg) throw { status: 400, description: 'Bad Request: message to edit not found' } satisfies FakeError;
        Object.assign(msg, parseText(String(p.text ?? ''), p.parse_mode, 4096, 'text'), { buttons: keyboardOf(p.reply_markup) });
        this.shown.push(msg);
        return { message_id: msg.messageId, chat: this.chats.get(msg.chatId), date: 0, text: msg.text };
      }
      default:
        if (SEND_METHODS.has(method)) return this.send(method, p, files);
        throw { status: 404, description: 'Not Found' } satisfies FakeError;
    }
  }

  private send(method: string, p: Record<string, unknown>, files: Files): unknown {
    const chatId = Number(p.chat_id);
    const chat = this.chats.get(chatId);
    if (!chat) throw errors.chatNotFound();
    if (chat.migratedTo) throw errors.migrated(chat.migratedTo);
    if (chat.type === 'private') {
      if (this.blocked.has(chatId)) throw errors.blocked();
      if (!this.started.has(chatId)) throw errors.cannotInitiate();
    } else if (!['member', 'administrator'].includes(this.members.get(`${chatId}:${this.bot.id}`) ?? '')) {
      throw { status: 403, description: 'Forbidden: bot is not a member of the group chat' } satisfies FakeError;
    }
    const field = method === 'sendPhoto' ? 'photo' : method === 'sendDocument' ? 'document' : null;
    const parsed = field
      ? parseText(String(p.caption ?? ''), p.parse_mode, 1024, 'caption')
      : parseText(String(p.text ?? ''), p.parse_mode, 4096, 'text');
    const file = field ? files.get(field) : undefined;
    if (field && !file) throw { status: 400, description: `Bad Request: there is no ${field} in the request` } satisfies FakeError;
    const buttons = keyboardOf(p.reply_markup);
    const msg: SentMessage = { chatId, messageId: this.nextMessageId(chatId), method, ...parsed, buttons, ...(file && field ? { file: { field, ...file } } : {}) };
    this.sent.push(msg);
    this.shown.push(msg);
    return { message_id: msg.messageId, from: this.bot, chat, date: Math.floor(Date.now() / 1000), text: msg.text };
  }

  private async getUpdates(p: Record<string, unknown>, req: IncomingMessage): Promise<Update[]> {
    if (this.webhook) throw { status: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" } satisfies FakeError;
    const offset = Number(p.offset ?? 0);
    if (offset > 0) {
      this.confirmedBelow = Math.max(this.confirmedBelow, offset);
      this.queue = this.queue.filter((u) => u.update_id >= offset);
    }
    const allowed = Array.isArray(p.allowed_updates) && p.allowed_updates.length > 0 ? new Set(p.allowed_updates as string[]) : null;
    const pending = () => this.queue.filter((u) => u.update_id >= offset && (!allowed || Object.keys(u).some((k) => allowed.has(k))));
    const timeoutMs = Math.min(Number(p.timeout ?? 0), 50) * 1000;
    if (pending().length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => { clearTimeout(timer); this.waiters.delete(done); resolve(); };
        const timer = setTimeout(done, timeoutMs);
        this.waiters.add(done);
        req.once('close', done);
      });
    }
    return pending().slice(0, Number(p.limit ?? 100));
  }
}

type Files = Map<string, { filename: string; data: Buffer }>;

function scopeKey(scope: unknown): string {
  return typeof scope === 'string' ? (JSON.parse(scope) as { type: string }).type : ((scope as { type?: string } | undefined)?.type ?? 'default');
}

function keyboardOf(markup: unknown): Button[][] {
  const m = (typeof markup === 'string' ? JSON.parse(markup) : markup) as { inline_keyboard?: Button[][] } | undefined;
  const rows = m?.inline_keyboard ?? [];
  for (const b of rows.flat()) {
    if (Buffer.byteLength(b.callback_data ?? '') > 64 || !b.callback_data) throw { status: 400, description: 'Bad Request: BUTTON_DATA_INVALID' } satisfies FakeError;
  }
  return rows;
}

function parseText(raw: string, mode: unknown, max: number, what: 'text' | 'caption'): { text: string; entities: Entity[] } {
  const parsed = mode === 'HTML' ? parseTelegramHtml(raw) : { text: raw, entities: [] };
  if ('error' in parsed) throw { status: 400, description: `Bad Request: can't parse entities: ${parsed.error}` } satisfies FakeError;
  if (what === 'text' && parsed.text.trim() === '') throw { status: 400, description: 'Bad Request: message text is empty' } satisfies FakeError;
  if (parsed.text.length > max) throw { status: 400, description: `Bad Request: message ${what === 'caption' ? 'caption ' : ''}is too long` } satisfies FakeError;
  return parsed;
}

/** JSON, urlencoded or multipart/form-data, as telegraf sends them. */
async function readParams(req: IncomingMessage): Promise<{ params: Record<string, unknown>; files: Files }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  const files: Files = new Map();
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  if (type.startsWith('application/json')) return { params: { ...query, ...(body.length ? JSON.parse(body.toString('utf8')) as object : {}) }, files };
  if (type.startsWith('application/x-www-form-urlencoded')) return { params: { ...query, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) }, files };
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  if (!boundary) return { params: query, files };
  const params: Record<string, unknown> = { ...query };
  const sep = Buffer.from(`--${boundary}`);
  let at = body.indexOf(sep);
  while (at !== -1) {
    const next = body.indexOf(sep, at + sep.length);
    if (next === -1) break;
    const part = body.subarray(at + sep.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name && filename !== undefined) files.set(name, { filename, data: Buffer.from(data) });
    else if (name) params[name] = data.toString('utf8');
    at = next;
  }
  return { params, files };
}
