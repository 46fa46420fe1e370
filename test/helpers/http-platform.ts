// The one chat platform reached over HTTP, on 127.0.0.1 only, for tests and the bench whose
// bot runs in another process (or must pay for real requests): HttpPlatform is the server,
// httpPlatformPort the PlatformPort that talks to it.
//
// Every POST is recorded as it is accepted, before the answer, so a send that reached the
// platform counts even if its sender dies before it hears back. It can answer after a small
// random delay (so a kill lands mid-send), refuse chats that blocked the bot (403), and
// enforce rate limits strictly, answering 429 with retry_after in whole seconds like
// Telegram: at most `perSecond` accepted in any sliding second overall, one per
// 1/`perChatPerSecond` s per chat, and `perGroupPerMinute` in any sliding minute per group.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { platformOf } from '../../src/domain/platform-id.js';
import type { OutboundMessage, PlatformPort, RateLimits, SendResult } from '../../src/ports/platform.js';

/** What httpPlatformPort POSTs. */
interface WireMessage {
  key: string;
  chat: string;
  chatKind: 'dm' | 'group';
  text: string;
}

/** A send the platform accepted. */
export interface Received {
  key: string;
  chat: string;
  text: string;
  /** The sender's `x-instance` header ('?' without one). */
  instance: string;
  /** Milliseconds since the server started. */
  at: number;
}

export interface HttpPlatformStats {
  requests: number;
  accepted: number;
  rejected429: number;
  rejectedGlobal: number;
  rejectedPerChat: number;
  rejectedPerGroup: number;
  refused: number;
}

export interface HttpPlatformOptions {
  /** Each answer waits a random 0 to this many ms (0: at once). */
  maxDelayMs?: number;
  /** Limits enforced with 429; none by default (every send is accepted). */
  enforce?: RateLimits;
}

const MINUTE = 60_000;

export class HttpPlatform {
  /** Every accepted send, in the order it arrived. */
  readonly received: Received[] = [];
  /** Called for each send as it is recorded, before the answer; may kill its sender. */
  onReceive: ((r: Received) => void) | null = null;
  /** `http://127.0.0.1:<port>/send` once started. */
  url = '';
  private stats = emptyStats();
  private readonly perKey = new Map<string, number>();
  private readonly blocked = new Set<string>();
  private waiters: { done: () => boolean; resolve: () => void }[] = [];
  private server: Server | null = null;
  private readonly started = performance.now();
  /** Accept times: the last second overall, and per chat (as far back as its limits look). */
  private window: number[] = [];
  private readonly perChat = new Map<string, number[]>();
  private messageId = 0;

  constructor(private readonly opts: HttpPlatformOptions = {}) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => { void this.serve(req, res); });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = null;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** The chat has blocked the bot: sends to it are refused with 403. */
  block(chat: string): void {
    this.blocked.add(chat);
  }

  /** How many times each key arrived. */
  counts(): Map<string, number> {
    return new Map(this.perKey);
  }

  countOf(key: string): number {
    return this.perKey.get(key) ?? 0;
  }

  /** Resolves once what has arrived satisfies `done`. */
  until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  counters(): HttpPlatformStats {
    return { ...this.stats };
  }

  /** Forgets everything received, for the next test on the same server. */
  reset(): void {
    this.received.length = 0;
    this.perKey.clear();
    this.stats = emptyStats();
    this.window = [];
    this.perChat.clear();
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.on('error', () => {});
    res.on('error', () => {});
    const answer = (status: number, body: unknown) => {
      if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      return;
    }
    if (req.method === 'GET' && req.url?.startsWith('/stats')) {
      // For a platform in a process of its own (the bench's): the counters, and with ?full what arrived.
      return answer(200, { ...this.stats, received: req.url.includes('full') ? this.received : [] });
    }
    let m: WireMessage;
    try {
      m = JSON.parse(raw) as WireMessage;
    } catch {
      return answer(400, { ok: false, error_code: 400, description: 'Bad Request: not JSON' });
    }
    this.stats.requests += 1;
    if (this.blocked.has(m.chat)) {
      this.stats.refused += 1;
      return answer(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    }
    const now = performance.now();
    const retryMs = this.opts.enforce ? this.wait(m, now, this.opts.enforce) : 0;
    if (retryMs > 0) {
      this.stats.rejected429 += 1;
      return answer(429, {
        ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: Math.max(1, Math.ceil(retryMs / 1000)) },
      });
    }
    const r: Received = { key: m.key, chat: m.chat, text: m.text, instance: String(req.headers['x-instance'] ?? '?'), at: now - this.started };
    this.received.push(r);
    this.perKey.set(r.key, (this.perKey.get(r.key) ?? 0) + 1);
    this.stats.accepted += 1;
    this.onReceive?.(r);
    this.waiters = this.waiters.filter((w) => (w.done() ? (w.resolve(), false) : true));
    const id = (this.messageId += 1);
    const delay = (this.opts.maxDelayMs ?? 0) > 0 ? Math.random() * this.opts.maxDelayMs! : 0;
    const ok = () => answer(200, { ok: true, result: { message_id: id } });
    if (delay > 0) setTimeout(ok, delay);
    else ok();
  }

  /** How long the sender must wait under the limits (0: accepted now, and counted). */
  private wait(m: WireMessage, now: number, limits: RateLimits): number {
    while (this.window.length > 0 && this.window[0]! <= now - 1000) this.window.shift();
    const group = m.chatKind === 'group' && limits.perGroupPerMinute !== undefined;
    const chatGap = 1000 / limits.perChatPerSecond;
    const chat = (this.perChat.get(m.chat) ?? []).filter((t) => t > now - Math.max(chatGap, group ? MINUTE : 0));
    const last = chat.at(-1);
    if (this.window.length >= limits.perSecond) {
      this.stats.rejectedGlobal += 1;
      return this.window[0]! + 1000 - now;
    }
    if (last !== undefined && now - last < chatGap) {
      this.stats.rejectedPerChat += 1;
      return last + chatGap - now;
    }
    if (group && chat.length >= limits.perGroupPerMinute!) {
      this.stats.rejectedPerGroup += 1;
      return chat[0]! + MINUTE - now;
    }
    this.window.push(now);
    chat.push(now);
    this.perChat.set(m.chat, chat);
    return 0;
  }
}

function emptyStats(): HttpPlatformStats {
  return { requests: 0, accepted: 0, rejected429: 0, rejectedGlobal: 0, rejectedPerChat: 0, rejectedPerGroup: 0, refused: 0 };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A PlatformPort that sends each message to an HttpPlatform, the way the Telegram adapter
 * talks to the Bot API: 200 is delivered, 429 waits retry_after, 403 and 400 are for good,
 * anything else may pass. `headers` go with every request (`x-instance` names the sender).
 */
export function httpPlatformPort(platform: string, url: string, limits: RateLimits, headers: Record<string, string> = {}): PlatformPort {
  return {
    platform,
    limits,
    async send(m: OutboundMessage): Promise<SendResult> {
      if (platformOf(m.to.chatId) !== platform) return { ok: false, error: 'unreachable', reason: `not a ${platform} chat id` };
      const wire: WireMessage = { key: m.key, chat: m.to.chatId, chatKind: m.to.kind, text: m.reply.text };
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(wire) });
      const body = await res.json().catch(() => ({})) as { ok?: boolean; result?: { message_id?: number }; parameters?: { retry_after?: number } };
      if (res.ok && body.ok) return { ok: true, platformMessageId: String(body.result?.message_id ?? '') };
      if (res.status === 429) return { ok: false, error: 'rate_limited', retryAfterMs: (body.parameters?.retry_after ?? 1) * 1000 };
      if (res.status === 403 || res.status === 400) return { ok: false, error: 'unreachable', reason: `HTTP ${res.status}` };
      return { ok: false, error: 'transient', reason: `HTTP ${res.status}` };
    },
  } satisfies PlatformPort;
}
