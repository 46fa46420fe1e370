// The HTTP double enforces the limits it is given the way a strict platform would: a send
// over them is refused with 429 and retry_after in whole seconds, and not counted as
// delivered; what it accepts it records at once.
import { afterEach, describe, expect, it } from 'vitest';
import type { Destination, OutboundMessage } from '../../src/ports/platform.js';
import { reply } from '../../src/ports/reply.js';
import { HttpPlatform, httpPlatformPort } from '../helpers/http-platform.js';

let server: HttpPlatform | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function platform(perSecond: number, perChatPerSecond: number, perGroupPerMinute?: number) {
  server = new HttpPlatform({ enforce: { perSecond, perChatPerSecond, perGroupPerMinute } });
  await server.start();
  // The port's own limits are not enforced by anyone here: only the server's are.
  return { server, port: httpPlatformPort('test', server.url, { perSecond: 1_000, perChatPerSecond: 1_000 }) };
}

let n = 0;
const to = (chatId: string, kind: Destination['kind'] = 'dm'): OutboundMessage => ({ key: `k${(n += 1)}`, to: { chatId, kind }, kind: 'reply', reply: reply('hi') });

describe('HttpPlatform with limits', () => {
  it('allows one message per chat per second: the second is rate limited, another chat is not', async () => {
    const { server, port } = await platform(30, 1);
    expect(await port.send(to('test:a'))).toMatchObject({ ok: true });
    expect(await port.send(to('test:a'))).toEqual({ ok: false, error: 'rate_limited', retryAfterMs: 1_000 });
    expect(await port.send(to('test:b'))).toMatchObject({ ok: true });
    expect(server.received.map((r) => r.chat)).toEqual(['test:a', 'test:b']);
    expect(server.counters()).toMatchObject({ requests: 3, accepted: 2, rejected429: 1, rejectedPerChat: 1 });
  });

  it('allows perSecond messages in any second overall', async () => {
    const { server, port } = await platform(3, 100);
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push(await port.send(to(`test:c${i}`)));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(server.counters()).toMatchObject({ accepted: 3, rejectedGlobal: 2 });
  });

  it('allows perGroupPerMinute messages in any minute into one group, and counts private chats apart', async () => {
    const { server, port } = await platform(100, 100_000, 2);
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await port.send(to('test:g', 'group')));
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({ error: 'rate_limited', retryAfterMs: 60_000 });
    expect(await port.send(to('test:d'))).toMatchObject({ ok: true });
    expect(server.counters()).toMatchObject({ accepted: 3, rejectedPerGroup: 1 });
  });
});
