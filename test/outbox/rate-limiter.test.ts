// The rate limiter with an injected clock: it never lets more through than the platform
// allows in any sliding window, and it does let that much through (a limiter that refuses
// everything would pass the first half alone).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/outbox/rate-limiter.js';

interface Take {
  t: number;
  chat: string;
}

/** The most takes in any half-open window [t, t + width) — how a platform counts. */
function maxInWindow(times: number[], width: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j += 1) {
    while (sorted[j]! - sorted[i]! >= width) i += 1;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** Drives a limiter with demand: at each step some chats want to send; returns what it let through. */
function drive(limiter: RateLimiter, clock: { t: number }, steps: { dt: number; chats: string[] }[], group: (chat: string) => boolean): Take[] {
  const taken: Take[] = [];
  for (const s of steps) {
    clock.t += s.dt;
    for (const chat of s.chats) {
      if (limiter.tryTake(chat, group(chat)) === 0) taken.push({ t: clock.t, chat });
    }
  }
  return taken;
}

const stepsArb = (chats: string[]) => fc.array(
  fc.record({
    dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 400 }), fc.double({ min: 0, max: 50, noNaN: true })),
    chats: fc.array(fc.constantFrom(...chats), { maxLength: 8 }),
  }),
  { minLength: 1, maxLength: 400 },
);

const CHATS = ['dm:1', 'dm:2', 'dm:3', 'dm:4', 'dm:5', 'dm:6', 'dm:7', 'dm:8', 'group:a', 'group:b'];
const isGroup = (c: string) => c.startsWith('group:');

describe('never more than the platform allows', () => {
  it('never more than perSecond in any 1 s window, 1/s per chat, perGroupPerMinute per group', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 30 }), stepsArb(CHATS),
      (perSecond, perGroupPerMinute, steps) => {
        const clock = { t: 1_000_000 };
        const limiter = new RateLimiter({ perSecond, perChatPerSecond: 1, perGroupPerMinute }, () => clock.t);
        const taken = drive(limiter, clock, steps, isGroup);
        expect(maxInWindow(taken.map((x) => x.t), 1_000)).toBeLessThanOrEqual(perSecond);
        for (const chat of CHATS) {
          const times = taken.filter((x) => x.chat === chat).map((x) => x.t);
          expect(maxInWindow(times, 1_000), chat).toBeLessThanOrEqual(1);
          if (isGroup(chat)) expect(maxInWindow(times, 60_000), chat).toBeLessThanOrEqual(perGroupPerMinute);
        }
      },
    ), { numRuns: 300 });
  });

  it('Telegram-like limits under a flood: at most 30 in any second overall, and the wait it names is enough', () => {
    const clock = { t: 0 };
    const limiter = new RateLimiter({ perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 }, () => clock.t);
    const taken: Take[] = [];
    // 2,000 chats each wanting one message, asked every millisecond for 10 s.
    let nextChat = 0;
    for (clock.t = 0; clock.t < 10_000; clock.t += 1) {
      const chat = `dm:${nextChat}`;
      if (limiter.tryTake(chat, false) === 0) {
        taken.push({ t: clock.t, chat });
        nextChat += 1;
      }
    }
    expect(maxInWindow(taken.map((x) => x.t), 1_000)).toBeLessThanOrEqual(30);
    // And it is not stingy: at least 95% of 30 a second over the 10 s (the target;
    // the 30 ms safety margin against network jitter costs about 3%).
    expect(taken.length).toBeGreaterThanOrEqual(285);
  });
});

describe('the wait it names', () => {
  it('asking again after the named wait succeeds (for one chat alone)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 100 }), fc.boolean(), fc.integer({ min: 1, max: 30 }), fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 30 }),
      (perSecond, group, perGroupPerMinute, gaps) => {
        const clock = { t: 0 };
        const limiter = new RateLimiter({ perSecond, perChatPerSecond: 1, perGroupPerMinute }, () => clock.t);
        for (const gap of gaps) {
          clock.t += gap;
          const wait = limiter.tryTake('chat', group);
          if (wait > 0) {
            clock.t += wait;
            // Exactly then, or a millisecond later when the refill's floating point falls just short.
            const again = limiter.tryTake('chat', group);
            expect(again).toBeLessThanOrEqual(1);
            clock.t += again;
            if (again > 0) expect(limiter.tryTake('chat', group)).toBe(0);
          }
        }
      },
    ), { numRuns: 300 });
  });

  it('a group is paced to perGroupPerMinute: 20 a minute means one every 3 s', () => {
    const clock = { t: 0 };
    const limiter = new RateLimiter({ perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 }, () => clock.t);
    const taken: number[] = [];
    for (clock.t = 0; clock.t < 60_000; clock.t += 10) if (limiter.tryTake('group:a', true) === 0) taken.push(clock.t);
    expect(taken).toHaveLength(20);
    expect(maxInWindow(taken, 60_000)).toBe(20);
    expect(Math.min(...taken.slice(1).map((t, i) => t - taken[i]!))).toBeGreaterThanOrEqual(3_000);
  });

  it('keeps pacing a busy chat even after more than 50,000 other chats were asked about', () => {
    const clock = { t: 0 };
    const limiter = new RateLimiter({ perSecond: 30, perChatPerSecond: 1 }, () => clock.t);
    expect(limiter.tryTake('dm:busy', false)).toBe(0);
    // A backlog: the dispatcher asks about many chats the global bucket cannot serve yet.
    for (let i = 0; i < 50_001; i += 1) limiter.tryTake(`dm:${i}`, false);
    clock.t = 500;
    expect(limiter.tryTake('dm:busy', false)).toBeGreaterThan(0);
  });
});
