/*
 * A fake Discord for end-to-end tests with the real discord.js Client: a REST API on
 * 127.0.0.1 (point discord.js at it with `rest: { api: fake.apiUrl }`) and a gateway that
 * `GET /gateway/bot` names. It records every request, answers like Discord does for the
 * calls Steadfast makes, and lets a test deliver interactions and inject failures.
 *
 *   const fake = await FakeDiscord.start({ guilds: [{ id: GUILD, name: 'Recovery', channels: [{ id: CHANNEL, name: 'check-ins' }] }] });
 *   const i = fake.slash({ user: SAM, name: 'checkin', options: [{ name: 'status', type: 3, value: 'sober' }] });
 *   await fake.waitFor(() => i.callbacks.length > 0);
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const PERMISSIONS = {
  // View Channel, Send Messages, Read Message History, Use Application Commands.
  member: String((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n)),
  manageChannels: String((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n) | (1n << 4n)),
  manageServer: String((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n) | (1n << 5n)),
} as const;

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: { id: string; name: string }[];
}

export interface FakeDiscordOptions {
  applicationId?: string;
  token?: string;
  guilds?: FakeGuild[];
  heartbeatIntervalMs?: number;
  /** Like Discord: a second answer to one interaction fails with 40060. Off: every answer is accepted. */
  strictCallbacks?: boolean;
}

export interface RecordedFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  auth: string | null;
  body: Record<string, unknown> | null;
  files: RecordedFile[];
  status: number;
}

/** A message the fake accepted on POST /channels/{id}/messages. */
export interface ChannelMessage {
  id: string;
  channelId: string;
  /** Set when the channel is a DM. */
  userId: string | null;
  body: Record<string, unknown>;
  files: RecordedFile[];
}

export interface InteractionRecord {
  id: string;
  token: string;
  payload: Record<string, unknown>;
  callbacks: { type: number; data: Record<string, unknown> | undefined; files: RecordedFile[]; accepted: boolean }[];
  edits: { body: Record<string, unknown>; files: RecordedFile[] }[];
  followups: { body: Record<string, unknown>; files: RecordedFile[] }[];
  deletedOriginal: boolean;
}

/** What the person sees as the answer to an interaction, in order. */
export interface SeenMessage {
  content: string | null;
  ephemeral: boolean;
  components: { components: { type?: number; label?: string; custom_id: string; options?: { label: string; value: string }[] }[] }[];
  files: RecordedFile[];
}

export interface GivenOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: GivenOption[];
  focused?: boolean;
}

export interface Where {
  /** On a server: the guild, channel and the member's computed permissions (default: a plain member). */
  guild?: { id: string; channelId: string; permissions?: string };
}

const EPHEMERAL = 64;

export class FakeDiscord {
  readonly applicationId: string;
  readonly token: string;
  readonly botUser = { id: '900000000000000001', username: 'Steadfast', discriminator: '0', global_name: null, avatar: null, bot: true };
  readonly requests: RecordedRequest[] = [];
  readonly messages: ChannelMessage[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly registrations: { path: string; body: unknown[] }[] = [];
  /** What each commands route holds, as GET returns it. */
  readonly commandSets = new Map<string, Record<string, unknown>[]>();
  readonly gateway = { connections: [] as string[], identifies: [] as Record<string, unknown>[], heartbeats: 0 };
  /** user id → DM channel id */
  readonly dmChannels = new Map<string, string>();
  apiUrl = '';
  gatewayUrl = '';

  private readonly closedDms = new Set<string>();
  private readonly failures: { status: number; body: Record<string, unknown>; headers?: Record<string, string> }[] = [];
  private readonly nonces = new Map<string, Record<string, unknown>>();
  private readonly storedMessages = new Map<string, Record<string, unknown>>();
  private readonly sockets = new Set<WebSocket>();
  private nextSnowflake = 1_200_000_000_000_000_000n;
  private seq = 0;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    private readonly options: FakeDiscordOptions,
  ) {
    this.applicationId = options.applicationId ?? '100000000000000001';
    this.token = options.token ?? 'fake-bot-token';
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    let fake: FakeDiscord | null = null;
    const http = createServer((req, res) => void fake!.route(req, res));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    fake = new FakeDiscord(http, wss, options);
    fake.apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api`;
    fake.gatewayUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    wss.on('connection', (ws, req) => fake!.onConnection(ws, req.url ?? ''));
    return fake;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  id(): string {
    this.nextSnowflake += 1n;
    return String(this.nextSnowflake);
  }

  // ---- failures a test can inject ----------------------------------------------------------

  /** The person has closed their DMs: sends to their DM channel fail with 50007. */
  closeDms(userId: string): void {
    this.closedDms.add(userId);
  }

  /** The next `count` POST /channels/{id}/messages get a 429 asking to wait `retryAfterSeconds`. */
  rateLimitNextMessages(count: number, retryAfterSeconds: number): void {
    for (let i = 0; i < count; i += 1) {
      this.failures.push({
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false, code: 0 },
        headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' },
      });
    }
  }

  /** The next POST /channels/{id}/messages fails with this status and Discord error code. */
  failNextMessage(status: number, code: number, message = 'Injected failure'): void {
    this.failures.push({ status, body: { message, code } });
  }

  // ---- the gateway ------------------------------------------------------------------------

  dispatch(t: string, d: unknown): void {
    const packet = JSON.stringify({ op: 0, t, s: (this.seq += 1), d });
    for (const ws of this.sockets) ws.send(packet);
  }

  private onConnection(ws: WebSocket, url: string): void {
    this.sockets.add(ws);
    this.gateway.connections.push(url);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 } }));
    ws.on('message', (raw) => {
      const p = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (p.op === 1) {
        this.gateway.heartbeats += 1;
        ws.send(JSON.stringify({ op: 11 }));
      } else if (p.op === 2) {
        this.gateway.identifies.push(p.d);
        const guilds = this.options.guilds ?? [];
        ws.send(JSON.stringify({
          op: 0, t: 'READY', s: (this.seq += 1), d: {
            v: 10, user: this.botUser, session_id: 'fake-session', resume_gateway_url: this.gatewayUrl,
            shard: [0, 1], guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
            application: { id: this.applicationId, flags: 0 },
          },
        }));
        for (const g of guilds) ws.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: (this.seq += 1), d: guildPayload(g, this.botUser.id) }));
      }
    });
  }

  // ---- interactions a test delivers --------------------------------------------------------

  /** A slash command; in a DM unless `where.guild` is given. Options as Discord sends them. */
  slash(o: { user: FakeUser; name: string; options?: GivenOption[]; id?: string } & Where): InteractionRecord {
    return this.interact(o.user, o, 2, { id: this.id(), name: o.name, type: 1, options: o.options ?? [] }, undefined, o.id);
  }

  /** A press on a button (custom id) of a message the bot sent earlier. */
  button(o: { user: FakeUser; customId: string; message?: Record<string, unknown>; ephemeralMessage?: boolean } & Where): InteractionRecord {
    const message = o.message ?? this.messageFor(o.user, o, o.customId, o.ephemeralMessage ?? true);
    return this.interact(o.user, o, 3, { custom_id: o.customId, component_type: 2 }, message);
  }

  /** A choice picked in a select menu (custom id) of a message the bot sent earlier. */
  select(o: { user: FakeUser; customId: string; values: string[] } & Where): InteractionRecord {
    const message = this.messageFor(o.user, o, o.customId, true);
    return this.interact(o.user, o, 3, { custom_id: o.customId, component_type: 3, values: o.values }, message);
  }

  /** A submitted form (modal) with its text inputs. */
  modalSubmit(o: { user: FakeUser; customId: string; fields: Record<string, string>; fromMessage?: boolean } & Where): InteractionRecord {
    const components = Object.entries(o.fields).map(([custom_id, value]) => ({ type: 1, components: [{ type: 4, custom_id, value }] }));
    const message = o.fromMessage === false ? undefined : this.messageFor(o.user, o, o.customId, true);
    return this.interact(o.user, o, 5, { custom_id: o.customId, components }, message);
  }

  /** Typing in an autocompleted option. */
  autocomplete(o: { user: FakeUser; name: string; options: GivenOption[] } & Where): InteractionRecord {
    return this.interact(o.user, o, 4, { id: this.id(), name: o.name, type: 1, options: o.options });
  }

  /** Delivers the same INTERACTION_CREATE again (a gateway redelivery). */
  redeliver(record: InteractionRecord): void {
    this.dispatch('INTERACTION_CREATE', record.payload);
  }

  dmChannelOf(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = this.id();
      this.dmChannels.set(userId, id);
    }
    return id;
  }

  /** The messages the person sees as the answer to an interaction. */
  seen(record: InteractionRecord): SeenMessage[] {
    const out: SeenMessage[] = [];
    const first = record.callbacks.find((c) => c.accepted);
    if (first && [4, 5, 6, 7].includes(first.type) && !record.deletedOriginal) {
      const edited = record.edits.at(-1);
      const base = first.type === 4 || first.type === 7 ? first.data ?? {} : first.type === 6 ? (record.payload.message as Record<string, unknown>) : {};
      const flags = first.type === 5 ? Number(first.data?.flags ?? 0) : Number(base.flags ?? 0);
      const body = edited?.body ?? base;
      if (first.type !== 5 || edited) {
        out.push({ content: (body.content as string | undefined) ?? null, ephemeral: (flags & EPHEMERAL) !== 0, components: (body.components ?? []) as SeenMessage['components'], files: edited?.files ?? first.files });
      } else {
        out.push({ content: null, ephemeral: (flags & EPHEMERAL) !== 0, components: [], files: [] }); // still "thinking…"
      }
    }
    for (const f of record.followups) {
      out.push({ content: (f.body.content as string | undefined) ?? null, ephemeral: (Number(f.body.flags ?? 0) & EPHEMERAL) !== 0, components: (f.body.components ?? []) as SeenMessage['components'], files: f.files });
    }
    return out;
  }

  async waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
    const end = performance.now() + timeoutMs;
    while (!condition()) {
      if (performance.now() > end) throw new Error(`fake Discord: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private interact(user: FakeUser, where: Where, type: number, data: Record<string, unknown>, message?: Record<string, unknown>, id?: string): InteractionRecord {
    const g = where.guild;
    const channelId = g ? g.channelId : this.dmChannelOf(user.id);
    const u = { id: user.id, username: user.username, global_name: user.global_name ?? null, discriminator: '0', avatar: null };
    const interactionId = id ?? this.id();
    const payload: Record<string, unknown> = {
      id: interactionId, application_id: this.applicationId, type, token: `token-${interactionId}`, version: 1, data,
      channel_id: channelId,
      channel: g ? { id: channelId, type: 0, guild_id: g.id, name: this.channelName(g.channelId) } : { id: channelId, type: 1, recipients: [u] },
      app_permissions: PERMISSIONS.member, locale: 'en-US', entitlements: [], attachment_size_limit: 10_485_760,
      authorizing_integration_owners: g ? { 0: g.id } : { 0: '0' }, context: g ? 0 : 1,
      ...(g
        ? { guild_id: g.id, guild_locale: 'en-US', member: { user: u, roles: [], permissions: g.permissions ?? PERMISSIONS.member, joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, premium_since: null } }
        : { user: u }),
      ...(message ? { message } : {}),
    };
    const record: InteractionRecord = { id: interactionId, token: String(payload.token), payload, callbacks: [], edits: [], followups: [], deletedOriginal: false };
    this.interactions.set(interactionId, record);
    this.dispatch('INTERACTION_CREATE', payload);
    return record;
  }

  private messageFor(user: FakeUser, where: Where, customId: string, ephemeral: boolean): Record<string, unknown> {
    const channelId = where.guild ? where.guild.channelId : this.dmChannelOf(user.id);
    const m = this.messageJson(this.id(), channelId, {
      content: 'An earlier message', flags: ephemeral && where.guild ? EPHEMERAL : 0,
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'A button', custom_id: customId }] }],
    });
    this.storedMessages.set(String(m.id), m);
    return m;
  }

  private channelName(channelId: string): string | undefined {
    return this.options.guilds?.flatMap((g) => g.channels).find((c) => c.id === channelId)?.name;
  }

  private messageJson(id: string, channelId: string, body: Record<string, unknown>, files: RecordedFile[] = []): Record<string, unknown> {
    return {
      id, channel_id: channelId, type: 0, author: this.botUser, content: body.content ?? '', timestamp: '2026-03-10T12:00:00.000Z',
      edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], embeds: [], pinned: false,
      attachments: files.map((f, i) => ({ id: String(i), filename: f.name, size: f.data.length, url: `https://cdn.invalid/${f.name}`, proxy_url: `https://cdn.invalid/${f.name}`, content_type: f.contentType })),
      components: body.components ?? [], flags: Number(body.flags ?? 0), nonce: body.nonce,
    };
  }

  // ---- the REST API -----------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
    const { body, files } = await readBody(req);
    const rec: RecordedRequest = { method: req.method ?? 'GET', path, query: url.search, auth: req.headers.authorization ?? null, body, files, status: 0 };
    this.requests.push(rec);
    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      rec.status = status;
      res.writeHead(status, json === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    const botAuth = () => rec.auth === `Bot ${this.token}`;
    const m = (re: RegExp) => re.exec(path);
    let hit: RegExpExecArray | null;

    if (req.method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      if (!botAuth() && path === '/gateway/bot') return send(401, { message: '401: Unauthorized', code: 0 });
      return send(200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (req.method === 'POST' && (hit = m(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const record = this.interactions.get(hit[1]!);
      if (!record || record.token !== hit[2]) return send(404, { message: 'Unknown interaction', code: 10062 });
      const answered = record.callbacks.some((c) => c.accepted);
      const accepted = !(answered && (this.options.strictCallbacks ?? true));
      record.callbacks.push({ type: Number(body?.type), data: body?.data as Record<string, unknown> | undefined, files, accepted });
      if (!accepted) return send(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      return send(204);
    }
    if ((hit = m(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/))) {
      const record = [...this.interactions.values()].find((r) => r.token === hit![2]);
      if (!record || hit[1] !== this.applicationId) return send(404, { message: 'Unknown Webhook', code: 10015 });
      const channelId = String(record.payload.channel_id);
      if (req.method === 'PATCH' && hit[3] === '@original') {
        record.edits.push({ body: body ?? {}, files });
        const original = record.payload.message as Record<string, unknown> | undefined;
        const first = record.callbacks.find((c) => c.accepted);
        const id = first?.type === 6 || first?.type === 7 ? String(original?.id) : `${record.id}0`;
        return send(200, this.messageJson(id, channelId, { flags: first?.type === 5 ? first.data?.flags : original?.flags, ...body }, files));
      }
      if (req.method === 'DELETE' && hit[3] === '@original') {
        record.deletedOriginal = true;
        return send(204);
      }
      if (req.method === 'POST' && !hit[3]) {
        record.followups.push({ body: body ?? {}, files });
        return send(200, this.messageJson(this.id(), channelId, body ?? {}, files));
      }
    }
    if (!botAuth()) return send(401, { message: '401: Unauthorized', code: 0 });
    if (req.method === 'POST' && path === '/users/@me/channels') {
      const userId = String(body?.recipient_id);
      return send(200, { id: this.dmChannelOf(userId), type: 1, last_message_id: null, recipients: [{ id: userId, username: `user${userId}`, discriminator: '0', avatar: null }] });
    }
    if (req.method === 'POST' && (hit = m(/^\/channels\/(\d+)\/messages$/))) return this.createMessage(hit[1]!, body ?? {}, files, send);
    if (req.method === 'PUT' && (hit = m(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const commands = (body as unknown as unknown[]) ?? [];
      this.registrations.push({ path, body: commands });
      this.commandSets.set(path, commands.map((c) => this.asRegistered(c as Record<string, unknown>, hit![1]!, hit![2])));
      return send(200, this.commandSets.get(path));
    }
    if (req.method === 'GET' && m(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/)) {
      return send(200, this.commandSets.get(path) ?? []);
    }
    return send(404, { message: '404: Not Found', code: 0 });
  }

  /** A command as Discord gives it back: its own fields added, false and empty ones left out. */
  private asRegistered(c: Record<string, unknown>, applicationId: string, guildId: string | undefined): Record<string, unknown> {
    const omitFalse = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o)
      .filter(([, v]) => v !== false && v !== undefined && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x ? omitFalse(x as Record<string, unknown>) : x)) : v]));
    return {
      id: this.id(), application_id: applicationId, version: '1', default_member_permissions: null, nsfw: false,
      ...(guildId ? { guild_id: guildId } : { dm_permission: true }),
      ...omitFalse(c),
    };
  }

  private createMessage(channelId: string, body: Record<string, unknown>, files: RecordedFile[], send: (s: number, j?: unknown, h?: Record<string, string>) => void): void {
    const failure = this.failures.shift();
    if (failure) return send(failure.status, failure.body, failure.headers);
    const dmUser = [...this.dmChannels.entries()].find(([, c]) => c === channelId)?.[0] ?? null;
    const guildChannel = this.options.guilds?.some((g) => g.channels.some((c) => c.id === channelId));
    if (!dmUser && !guildChannel) return send(404, { message: 'Unknown Channel', code: 10003 });
    if (dmUser && this.closedDms.has(dmUser)) return send(403, { message: 'Cannot send messages to this user', code: 50007 });
    const nonceKey = body.enforce_nonce && body.nonce !== undefined ? `${channelId}:${String(body.nonce)}` : null;
    const earlier = nonceKey ? this.nonces.get(nonceKey) : undefined;
    if (earlier) return send(200, earlier); // Discord returns the first message instead of posting again
    const json = this.messageJson(this.id(), channelId, body, files);
    if (nonceKey) this.nonces.set(nonceKey, json);
    this.messages.push({ id: String(json.id), channelId, userId: dmUser, body, files });
    return send(200, json);
  }
}

async function readBody(req: IncomingMessage): Promise<{ body: Record<string, unknown> | null; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: null, files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: RecordedFile[] = [];
    let body: Record<string, unknown> | null = null;
    for (const [key, value] of form) {
      if (typeof value === 'string') {
        if (key === 'payload_json') body = JSON.parse(value) as Record<string, unknown>;
      } else {
        files.push({ name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files: [] };
}

function guildPayload(g: FakeGuild, botId: string): Record<string, unknown> {
  return {
    id: g.id, name: g.name, icon: null, splash: null, discovery_splash: null, owner_id: '900000000000000099', afk_channel_id: null,
    afk_timeout: 300, verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0,
    system_channel_id: null, system_channel_flags: 0, rules_channel_id: null, public_updates_channel_id: null,
    vanity_url_code: null, description: null, banner: null, premium_tier: 0, preferred_locale: 'en-US', nsfw_level: 0,
    features: [], emojis: [], stickers: [], roles: [{ id: g.id, name: '@everyone', permissions: PERMISSIONS.member, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    joined_at: '2026-01-01T00:00:00.000Z', large: false, unavailable: false, member_count: 2,
    members: [{ user: { id: botId, username: 'Steadfast', discriminator: '0', avatar: null, bot: true }, roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 }],
    channels: g.channels.map((c, position) => ({ id: c.id, type: 0, name: c.name, guild_id: g.id, position, permission_overwrites: [], parent_id: null, topic: null, nsfw: false, rate_limit_per_user: 0, last_message_id: null })),
    threads: [], presences: [], voice_states: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
  };
}
