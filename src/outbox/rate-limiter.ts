import type { RateLimits } from '../ports/platform.js';

/** A token bucket: `capacity` tokens, refilled at `perMs` tokens a millisecond. */
class Bucket {
  private tokens: number;
  private last: number;
  constructor(private readonly capacity: number, private readonly perMs: number, now: number) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Milliseconds until a token is available (0: take it now). */
  waitFor(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
  }

  take(): void {
    this.tokens -= 1;
  }

  isFull(now: number): boolean {
    return this.tokens + (now - this.last) * this.perMs >= this.capacity;
  }
}

/**
 * Paces sends below a platform's limits: one global bucket and one per chat. It runs on
 * real elapsed time (the platform's clock), not the core's simulated one.
 */
export class RateLimiter {
  private readonly global: Bucket;
  private readonly chats = new Map<string, Bucket>();

  constructor(private readonly limits: RateLimits, private readonly now: () => number = () => performance.now()) {
    // Capacity 1 paces evenly: a burst would break a platform's sliding one-second window.
    this.global = new Bucket(1, limits.perSecond / 1000, now());
  }

  /** Takes a token for the chat if both buckets have one; otherwise how long to wait. */
  tryTake(chatId: string, group: boolean): number {
    const t = this.now();
    const chat = this.chatBucket(chatId, group, t);
    const wait = Math.max(this.global.waitFor(t), chat.waitFor(t));
    if (wait > 0) return wait;
    this.global.take();
    chat.take();
    return 0;
  }

  /** Drops buckets that have refilled: forgetting them changes nothing. Busy chats keep theirs. */
  private forgetIdle(t: number): void {
    for (const [id, bucket] of this.chats) if (bucket.isFull(t)) this.chats.delete(id);
  }

  private chatBucket(chatId: string, group: boolean, t: number): Bucket {
    let b = this.chats.get(chatId);
    if (!b) {
      if (this.chats.size > 50_000) this.forgetIdle(t);
      const perMinute = group ? this.limits.perGroupPerMinute : undefined;
      b = perMinute
        ? new Bucket(1, perMinute / 60_000, t)
        : new Bucket(1, this.limits.perChatPerSecond / 1000, t);
      this.chats.set(chatId, b);
    }
    return b;
  }
}
