/*
 * A local fake of a chat platform's send endpoint (Telegram-shaped), on 127.0.0.1 only.
 * It enforces, strictly, at most `perSecond` accepted messages in any sliding 1 s window
 * overall and at most one per chat per second, and answers 429 with `retry_after`
 * (whole seconds, like Telegram) when a request would exceed either.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundMessage, PlatformPort, RateLimits, SendResult } from '../src/ports/platform.js';

export interface Accepted {
  chatId: string;
  at: number;
}

export interface FakePlatformStats {
  requests: number;
  accepted: number;
  rejected429: number;
  rejectedGlobal: number;
  rejectedPerChat: number;
  /** Accept times (performance.now() of the server process) in order. */
  acceptedLog: Accepted[];
}

export class FakePlatform {
  private server: Server | null = null;
  private window: number[] = [];
  private lastPerChat = new Map<string, number>();
  private messageId = 0;
  readonly stats: FakePlatformStats = { requests: 0, accepted: 0, rejected429: 0, rejectedGlobal: 0, rejectedPerChat: 0, acceptedLog: [] };
  url = '';

  constructor(private readonly perSecond = 30, private readonly perChatPerSecond = 1) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const now = performance.now();
        if (req.method === 'GET' && req.url?.startsWith('/stats')) {
          const full = req.url.includes('full');
          res.writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify(full ? this.stats : { ...this.stats, acceptedLog: [] }));
          return;
        }
        this.stats.requests += 1;
        let chatId = '';
        try {
          chatId = String((JSON.parse(body) as { chat_id?: unknown }).chat_id ?? '');
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"ok":false,"error_code":400}');
          return;
        }
        while (this.window.length > 0 && this.window[0]! <= now - 1000) this.window.shift();
        const last = this.lastPerChat.get(chatId);
        const chatGap = 1000 / this.perChatPerSecond;
        let retryMs = 0;
        if (this.window.length >= this.perSecond) {
          this.stats.rejectedGlobal += 1;
          retryMs = this.window[0]! + 1000 - now;
        } else if (last !== undefined && now - last < chatGap) {
          this.stats.rejectedPerChat += 1;
          retryMs = last + chatGap - now;
        }
        if (retryMs > 0) {
          this.stats.rejected429 += 1;
          res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({
            ok: false, error_code: 429, description: 'Too Many Requests',
            parameters: { retry_after: Math.max(1, Math.ceil(retryMs / 1000)) },
          }));
          return;
        }
        this.window.push(now);
        this.lastPerChat.set(chatId, now);
        this.stats.accepted += 1;
        this.stats.acceptedLog.push({ chatId, at: now });
        this.messageId += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { message_id: this.messageId } }));
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
    this.server = null;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** A PlatformPort that talks HTTP to the fake, the way a Telegram adapter talks to the Bot API. */
export function httpPlatformPort(platform: string, baseUrl: string, limits: RateLimits): PlatformPort {
  return {
    platform,
    limits,
    async send(m: OutboundMessage): Promise<SendResult> {
      const res = await fetch(`${baseUrl}/bot/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: m.to.chatId, text: m.reply.text, reply_markup: m.reply.buttons ? { inline_keyboard: m.reply.buttons } : undefined }),
      });
      const body = await res.json() as { ok: boolean; result?: { message_id: number }; error_code?: number; parameters?: { retry_after?: number } };
      if (body.ok) return { ok: true, platformMessageId: String(body.result?.message_id ?? '') };
      if (res.status === 429) return { ok: false, error: 'rate_limited', retryAfterMs: (body.parameters?.retry_after ?? 1) * 1000 };
      if (res.status === 403 || res.status === 400) return { ok: false, error: 'unreachable', reason: `HTTP ${res.status}` };
      return { ok: false, error: 'transient', reason: `HTTP ${res.status}` };
    },
  };
}
