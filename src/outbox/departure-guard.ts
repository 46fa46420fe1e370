import type { PlatformPort } from '../ports/platform.js';
import { RateLimiter } from './rate-limiter.js';

/**
 * The last check before a message leaves. The dispatcher books slots ahead and a send leaves
 * when its slot comes, after its claim; a send that leaves late (a slow claim, a busy event
 * loop) lands in the same platform second as the sends booked after it, and a platform that
 * counts strictly answers 429 and holds the whole bot for a second. This counts what really
 * left, against the platform's limits, and holds a send that would break them for as long as
 * needed. Its margin is a little smaller than the dispatcher's, so it only acts on a late send.
 */
export function guardDepartures(port: PlatformPort, marginMs = 25): PlatformPort {
  const departures = new RateLimiter(port.limits, () => performance.now(), marginMs);
  return {
    platform: port.platform,
    limits: port.limits,
    async send(m) {
      const group = m.to.kind === 'group';
      for (let wait = departures.tryTake(m.to.chatId, group); wait > 0; wait = departures.tryTake(m.to.chatId, group)) {
        await new Promise((r) => setTimeout(r, wait));
      }
      return port.send(m);
    },
  };
}
