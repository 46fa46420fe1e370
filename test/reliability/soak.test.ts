// A soak run: a simulated week for a population of people in ~30 time zones on a SQLite
// file, some of them linked to a supporter, most checking in on a given day, sending
// through a platform that fails now and then (500s, 429s with retry_after, a few blocked
// accounts). The clock moves 15–30 minutes a step; each step ticks and sends. At the end:
// prompts due vs sent, alerts due vs sent, duplicates, losses.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { LocalDate, TimeZone } from '../../src/domain/local-date.js';
import type { TickReport } from '../../src/scheduler/tick.js';
import type { Dispatcher } from '../../src/outbox/dispatcher.js';
import { saveCheckin } from '../../src/store/checkins.js';
import type { Db } from '../../src/store/database.js';
import { dueMessages, outboxCounts } from '../../src/store/outbox.js';
import type { Clock } from '../../src/clock.js';
import { blocked, InProcessPlatform, ok, serverError, tooManyRequests } from '../helpers/in-process-platform.js';
import { createTestBot } from '../helpers/core-harness.js';
import { seedPeople, type SeedPerson } from '../helpers/seed-people.js';
import { seededRandom, sleep } from './support.js';

const TARGET_PEOPLE = 10_000;
/**
 * The default is what fits the time bound on a 2-core CI machine: the core ticks about a
 * thousand due rows a second on SQLite there, and a week for 10,000 people is ~170,000 due
 * rows. SOAK_PEOPLE=10000 runs the full target (about five minutes).
 */
const PEOPLE = Number(process.env.SOAK_PEOPLE ?? 2_000);
/** The hard bound on the run (the test's timeout). */
const BOUND_MS = Number(process.env.SOAK_BOUND_MS ?? Math.max(150_000, PEOPLE * 45));
const SEED = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 1_000_000));
/** The week: Wednesday 25 March 2026, across Europe's change to summer time (29 March). */
const START = Date.parse('2026-03-25T00:00:00Z');
const MINUTE = 60_000;
const END = START + 7 * 24 * 60 * MINUTE;
const CHECKIN_RATE = 0.7;
const BLOCKED_RATE = 0.005;
const SERVER_ERROR_RATE = 0.05;
const RATE_LIMITED_RATE = 0.002;
const SUPPORTER_SHARE = 0.1;
const LINKED_SHARE = 0.3;

const ZONES = [
  'UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Kyiv', 'Europe/Moscow', 'Atlantic/Azores', 'Africa/Lagos', 'Africa/Johannesburg',
  'Africa/Cairo', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Singapore', 'Asia/Shanghai',
  'Asia/Tokyo', 'Asia/Seoul', 'Australia/Adelaide', 'Australia/Sydney', 'Pacific/Auckland', 'Pacific/Chatham', 'Pacific/Honolulu',
  'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York', 'America/Halifax',
  'America/St_Johns', 'America/Sao_Paulo', 'America/Mexico_City',
];

interface Sim {
  id: string;
  role: SeedPerson['role'];
  zone: string;
  hour: number;
  minute: number;
  blocked: boolean;
}

/** The instant a local wall time happens (prompt times are 07:00–21:00, never in a DST gap). */
function instantOf(date: string, hour: number, minute: number, zone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return DateTime.fromObject({ year: y, month: m, day: d, hour, minute }, { zone }).toMillis();
}

/** Local dates a person's prompt falls on within (from, to]. */
function promptDates(p: Sim, from: number, to: number): { date: string; at: number }[] {
  const out: { date: string; at: number }[] = [];
  let day = DateTime.fromMillis(from, { zone: p.zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromMillis(to, { zone: p.zone }).startOf('day').plus({ days: 1 });
  for (; day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    const at = instantOf(date, p.hour, p.minute, p.zone);
    if (at > from && at <= to) out.push({ date, at });
  }
  return out;
}

/**
 * Sends what is due now, like the dispatcher's own loop between two ticks, for at most
 * `budgetMs` of real time; what is left (a platform pause) goes out at the next step.
 */
async function drain(d: Dispatcher, db: Db, clock: Clock, platform: InProcessPlatform, budgetMs: number): Promise<void> {
  const started = performance.now();
  for (;;) {
    if ((await dueMessages(db, clock.now(), 1)).length === 0) return;
    const calls = platform.calls.length;
    const wait = await d.dispatchDue();
    await d.settle();
    if (performance.now() - started > budgetMs) return;
    if (platform.calls.length === calls) await sleep(Math.min(wait, 50));
  }
}

describe('soak: a simulated week with platform faults', () => {
  it(`${PEOPLE} people (target ${TARGET_PEOPLE}), ~30 zones, supporters, faults: nothing lost, nothing doubled`, async () => {
    const wallStart = performance.now();
    const rnd = seededRandom(SEED);
    const platform = new InProcessPlatform({ limits: { perSecond: 10_000_000, perChatPerSecond: 10_000_000 } });
    const bot = await createTestBot({ at: new Date(START), ports: [platform] });
    try {
      // ---- the population ----
      const people: Sim[] = Array.from({ length: PEOPLE }, (_, i) => {
        const r = rnd();
        return {
          id: `s${String(i).padStart(5, '0')}`,
          role: r < SUPPORTER_SHARE ? 'supporter' : r < 0.7 ? 'recovery' : 'partner',
          zone: ZONES[Math.floor(rnd() * ZONES.length)]!,
          hour: 7 + Math.floor(rnd() * 14),
          minute: [0, 15, 30, 45][Math.floor(rnd() * 4)]!,
          blocked: rnd() < BLOCKED_RATE,
        };
      });
      const byId = new Map(people.map((p) => [p.id, p]));
      await seedPeople(bot.db, bot.config, people.map((p) => ({
        id: p.id, role: p.role, timezone: p.zone, promptTime: `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`,
        joinedOn: DateTime.fromMillis(START, { zone: p.zone }).toISODate()!,
      })), new Date(START), { perTransaction: 500 });
      const supporters = people.filter((p) => p.role === 'supporter');
      const links: { person: string; supporter: string }[] = [];
      for (const p of people) {
        if (p.role === 'supporter' || rnd() >= LINKED_SHARE) continue;
        const n = rnd() < 0.15 ? 2 : 1;
        const chosen = new Set<string>();
        while (chosen.size < n) chosen.add(supporters[Math.floor(rnd() * supporters.length)]!.id);
        for (const s of chosen) links.push({ person: p.id, supporter: s });
      }
      for (let i = 0; i < links.length; i += 500) {
        await bot.db.insertInto('links').values(links.slice(i, i + 500).map((l, j) => ({
          id: `link-${i + j}`, person_id: l.person, supporter_id: l.supporter, relation: 'sponsor', scopes: 'alerts,sos,milestones',
          created_at: new Date(START).toISOString(), ended_at: null, partner_level: null, receiving_paused: 0, ready: 0, reached_out_at: null,
          wants: 'alerts,sos,milestones,status,mood,notes', on_call: 0,
        }))).execute();
      }
      const seededMs = performance.now() - wallStart;

      // ---- the platform's faults ----
      const blockedChats = new Set(people.filter((p) => p.blocked).map((p) => `test:${p.id}`));
      const injected = { serverError: 0, rateLimited: 0, blocked: 0 };
      platform.otherwise = (m) => {
        if (blockedChats.has(m.to.chatId)) {
          injected.blocked += 1;
          return blocked;
        }
        const r = rnd();
        if (r < SERVER_ERROR_RATE) {
          injected.serverError += 1;
          return serverError;
        }
        if (r < SERVER_ERROR_RATE + RATE_LIMITED_RATE) {
          injected.rateLimited += 1;
          return tooManyRequests(10 + Math.floor(rnd() * 40));
        }
        return ok;
      };

      // ---- the week ----
      const checkinsDone = new Set<string>();
      let pendingCheckins: { at: number; id: string; date: string }[] = [];
      const ticks: TickReport = { prompts: 0, reminders: 0, alerts: 0, summaries: 0, celebrations: 0, skippedStale: 0, group: 0 };
      let seen = 0;
      let steps = 0;
      let now = START;
      let lastTick = START;
      while (now < END) {
        now = Math.min(END, now + (15 + Math.floor(rnd() * 16)) * MINUTE);
        bot.clock.set(new Date(now));
        steps += 1;
        // People answer their prompt 10–90 minutes after it arrived, ~70% of them on a given day.
        const due = pendingCheckins.filter((c) => c.at <= now);
        pendingCheckins = pendingCheckins.filter((c) => c.at > now);
        for (const c of due) {
          const p = byId.get(c.id)!;
          await saveCheckin(bot.db, bot.seal, c.id, {
            localDate: c.date as LocalDate, zone: p.zone as TimeZone, status: p.role === 'recovery' ? 'sober' : null, mood: 3,
            feeling: null, healingWork: [], safe: null, note: null, at: new Date(c.at),
          });
          checkinsDone.add(`${c.id}:${c.date}`);
        }
        const report = await bot.core.tick();
        lastTick = now;
        for (const k of Object.keys(ticks) as (keyof TickReport)[]) ticks[k] += report[k];
        await drain(bot.core.dispatcher, bot.db, bot.clock, platform, 3_000);
        for (; seen < platform.calls.length; seen += 1) {
          const call = platform.calls[seen]!;
          if (!call.delivered || call.kind !== 'prompt') continue;
          const [, id, date] = call.key.split(':') as [string, string, string];
          if (rnd() < CHECKIN_RATE) pendingCheckins.push({ at: call.at.getTime() + (10 + Math.floor(rnd() * 80)) * MINUTE, id, date });
        }
      }
      // The dispatcher keeps going between ticks: a few more minutes for the last retries.
      for (let i = 0; i < 5; i += 1) {
        bot.clock.set(new Date(lastTick + (i + 1) * MINUTE));
        await drain(bot.core.dispatcher, bot.db, bot.clock, platform, 5_000);
      }
      const finalNow = bot.clock.now();
      const weekMs = performance.now() - wallStart - seededMs;

      // ---- what was due ----
      const grace = bot.config.schedule.graceHours * 60 * MINUTE;
      const promptsDue = new Set<string>();
      const promptsToBlocked = new Set<string>();
      const datesOf = new Map<string, { date: string; at: number }[]>();
      for (const p of people) {
        const dates = promptDates(p, START, lastTick);
        datesOf.set(p.id, dates);
        for (const { date } of dates) (p.blocked ? promptsToBlocked : promptsDue).add(`prompt:${p.id}:${date}`);
      }
      const alertsDue = new Set<string>();
      let alertsToBlocked = 0;
      for (const l of links) {
        const zone = byId.get(l.person)!.zone;
        for (const { date, at } of datesOf.get(l.person)!) {
          // Missed once the grace has passed and the local day has ended, whichever is later.
          const dayEnds = DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf('day').toMillis();
          if (checkinsDone.has(`${l.person}:${date}`) || Math.max(at + grace, dayEnds) > lastTick) continue;
          if (byId.get(l.supporter)!.blocked) alertsToBlocked += 1;
          else alertsDue.add(`alert:${l.person}:${date}:${l.supporter}`);
        }
      }

      // ---- what happened ----
      const deliveredCount = new Map<string, number>();
      for (const c of platform.delivered) deliveredCount.set(c.key, (deliveredCount.get(c.key) ?? 0) + 1);
      const duplicates = [...deliveredCount].filter(([, n]) => n > 1);
      const sentKeys = new Set(deliveredCount.keys());
      const rows = await bot.db.selectFrom('outbox').select(['idem_key', 'kind', 'status', 'not_before', 'last_error']).execute();
      const row = new Map(rows.map((r) => [r.idem_key, r]));
      const fate = (due: Set<string>) => {
        const out = { sent: 0, queuedLater: 0, lost: [] as string[] };
        for (const k of due) {
          const r = row.get(k);
          if (r?.status === 'sent' && sentKeys.has(k)) out.sent += 1;
          else if (r?.status === 'queued' && Date.parse(r.not_before) > finalNow.getTime()) out.queuedLater += 1;
          else out.lost.push(`${k} (${r ? `${r.status}${r.last_error ? `: ${r.last_error}` : ''}` : 'never queued'})`);
        }
        return out;
      };
      const prompts = fate(promptsDue);
      const alerts = fate(alertsDue);
      const sentOfKind = (prefix: string) => [...sentKeys].filter((k) => k.startsWith(prefix));
      const unexpectedPrompts = sentOfKind('prompt:').filter((k) => !promptsDue.has(k));
      const unexpectedAlerts = sentOfKind('alert:').filter((k) => !alertsDue.has(k));
      const counts = await outboxCounts(bot.db);
      const skipped: Record<string, number> = {};
      for (const r of rows) if (r.status === 'skipped' || r.status === 'failed') skipped[`${r.kind}:${r.status}:${r.last_error}`] = (skipped[`${r.kind}:${r.status}:${r.last_error}`] ?? 0) + 1;
      const totalMs = performance.now() - wallStart;

      console.log([
        `soak: ${PEOPLE} people (target ${TARGET_PEOPLE}), seed ${SEED}, ${ZONES.length} zones, ${supporters.length} supporters, ${links.length} links, `
          + `${people.filter((p) => p.blocked).length} blocked accounts; ${steps} steps of 15–30 min over 7 days; `
          + `${checkinsDone.size} check-ins; runtime ${Math.round(totalMs)} ms (seed ${Math.round(seededMs)} ms, week ${Math.round(weekMs)} ms)`,
        `  prompts: due ${promptsDue.size}, sent ${prompts.sent}, queued for later ${prompts.queuedLater}, lost ${prompts.lost.length}, `
          + `sent but not due ${unexpectedPrompts.length}; to blocked accounts ${promptsToBlocked.size} (not due)`,
        `  alerts: due ${alertsDue.size}, sent ${alerts.sent}, queued for later ${alerts.queuedLater}, lost ${alerts.lost.length}, `
          + `sent but not due ${unexpectedAlerts.length}; to blocked supporters ${alertsToBlocked} (not due)`,
        `  reminders sent ${sentOfKind('reminder:').length}, summaries sent ${sentOfKind('summary:').length}; duplicates ${duplicates.length}; `
          + `faults injected ${JSON.stringify(injected)} over ${platform.calls.length} send attempts`,
        `  ticks ${JSON.stringify(ticks)}; outbox ${JSON.stringify(counts)}; skipped/failed ${JSON.stringify(skipped)}`,
      ].join('\n'));

      expect(duplicates.slice(0, 5)).toEqual([]);
      expect(prompts.lost.slice(0, 10)).toEqual([]);
      expect(alerts.lost.slice(0, 10)).toEqual([]);
      expect(unexpectedPrompts.slice(0, 10)).toEqual([]);
      expect(unexpectedAlerts.slice(0, 10)).toEqual([]);
      expect(prompts.sent + prompts.queuedLater).toBe(promptsDue.size);
      expect(alerts.sent + alerts.queuedLater).toBe(alertsDue.size);
      expect(alertsDue.size).toBeGreaterThan(0);
      expect(injected.serverError).toBeGreaterThan(0);
      expect(injected.blocked).toBeGreaterThan(0);
      expect(counts.sending).toBe(0);
    } finally {
      await bot.close();
    }
  }, BOUND_MS);
});
