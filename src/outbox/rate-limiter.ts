import type { RateLimits } from '../ports/platform.js';

/** At most `size` events in any window of `width` ms (plus a safety margin for network jitter). */
class SlidingWindow {
  private readonly times: number[] = [];
  constructor(private readonly size: number, private readonly width: number, private readonly margin: number) {}

  /** Milliseconds until one more event fits (0: now). */
  waitFor(now: number): number {
    while (this.times.length > 0 && this.times[0]! <= now - this.width - this.margin) this.times.shift();
    if (this.times.length < this.size) return 0;
    return Math.max(1, Math.ceil(this.times[0]! + this.width + this.margin - now));
  }

  record(now: number): void {
    this.times.push(now);
  }

  isIdle(now: number): boolean {
    const last = this.times[this.times.length - 1];
    return last === undefined || last <= now - this.width - this.margin;
  }
}

interface ChatWindows {
  second: SlidingWindow;
  minute: SlidingWindow | null;
}

/**
 * Paces sends below a platform's limits, counted the way platforms count: a sliding window
 * overall, per chat, and per minute for groups. It runs on real elapsed time (the
 * platform's clock), not the core's simulated one. `wait` looks without taking, so a
 * message is only decrypted and claimed when it can really go.
 */
export class RateLimiter {
  private readonly global: SlidingWindow;
  /** Even spacing overall: no burst, so a 429 finds at most one message in flight behind it. */
  private readonly spacing: SlidingWindow;
  private readonly chats = new Map<string, ChatWindows>();
  /** Slots are booked in time order, so every window's entries stay sorted. */
  private lastBooked = -Infinity;

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = () => performance.now(),
    private readonly marginMs = 30,
  ) {
    this.global = new SlidingWindow(limits.perSecond, 1_000, marginMs);
    this.spacing = new SlidingWindow(1, 1_000 / limits.perSecond, 0);
  }

  /** How long until a message to this chat may go (0: now); takes nothing. */
  wait(chatId: string, group: boolean): number {
    const t = this.now();
    const c = this.chat(chatId, group, t);
    return Math.max(this.global.waitFor(t), this.spacing.waitFor(t), c.second.waitFor(t), c.minute?.waitFor(t) ?? 0);
  }

  /** How long until any message may go, whatever the chat. */
  globalWait(): number {
    const t = this.now();
    return Math.max(this.global.waitFor(t), this.spacing.waitFor(t));
  }

  /**
   * Books the first slot for this chat within `aheadMs`: returns its delay from now (0: now),
   * or null when there is none that soon. Booking ahead lets the dispatcher pace sends on a
   * timer instead of polling the database for every single slot.
   */
  reserve(chatId: string, group: boolean, aheadMs: number): number | null {
    const t = this.now();
    const c = this.chat(chatId, group, t);
    const windows = [this.global, this.spacing, c.second, ...(c.minute ? [c.minute] : [])];
    let delay = Math.max(0, this.lastBooked - t);
    if (delay > aheadMs) return null;
    // The first moment every window has room; each wait only grows, so this settles quickly.
    for (let i = 0; i < 64; i += 1) {
      const next = Math.max(...windows.map((w) => w.waitFor(t + delay)));
      if (next === 0) break;
      delay += next;
      if (delay > aheadMs) return null;
    }
    for (const w of windows) w.record(t + delay);
    this.lastBooked = t + delay;
    return delay;
  }

  /**
   * About how many sends can still be booked within `aheadMs` overall (any chat): the
   * dispatcher claims no more rows than that in one go. An overestimate only gives a row back.
   */
  capacity(aheadMs: number): number {
    const t = this.now();
    const start = Math.max(this.globalWait(), this.lastBooked - t, 0);
    if (start > aheadMs) return 0;
    return Math.min(this.limits.perSecond, Math.floor((aheadMs - start) * this.limits.perSecond / 1_000) + 1);
  }

  /**
   * Chats that cannot take a message within `aheadMs` (over their limit), and how long until the
   * first of them can: their rows are not even read until then.
   */
  busyChats(aheadMs: number): { chats: string[]; freeInMs: number } {
    const t = this.now();
    const chats: string[] = [];
    let freeInMs = Infinity;
    for (const [id, c] of this.chats) {
      // Chats idle past their windows are forgotten on the way (that changes nothing), so this stays short.
      if (c.second.isIdle(t) && (c.minute?.isIdle(t) ?? true)) {
        this.chats.delete(id);
        continue;
      }
      const w = Math.max(c.second.waitFor(t), c.minute?.waitFor(t) ?? 0);
      if (w > aheadMs) {
        chats.push(id);
        freeInMs = Math.min(freeInMs, w - aheadMs);
      }
    }
    return { chats, freeInMs };
  }

  /** Takes a slot if there is one now; otherwise how long to wait. */
  tryTake(chatId: string, group: boolean): number {
    if (this.reserve(chatId, group, 0) === 0) return 0;
    return Math.max(1, this.wait(chatId, group));
  }

  private chat(chatId: string, group: boolean, t: number): ChatWindows {
    let c = this.chats.get(chatId);
    if (!c) {
      if (this.chats.size > 50_000) this.forgetIdle(t);
      const perMinute = group ? this.limits.perGroupPerMinute : undefined;
      c = {
        second: new SlidingWindow(this.limits.perChatPerSecond, 1_000, this.marginMs),
        // Evenly spread (20 a minute: one every 3 s), so a group never sees a burst.
        minute: perMinute ? new SlidingWindow(1, 60_000 / perMinute, this.marginMs) : null,
      };
      this.chats.set(chatId, c);
    }
    return c;
  }

  /** Drops chats that sent nothing within their windows: forgetting them changes nothing. */
  private forgetIdle(t: number): void {
    for (const [id, c] of this.chats) if (c.second.isIdle(t) && (c.minute?.isIdle(t) ?? true)) this.chats.delete(id);
  }
}
