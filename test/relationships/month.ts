// A month of real use, through the real core: the four people of issue 15, played out day by
// day with the scheduler ticking every 15 minutes. The same script runs on any version of the
// bot, so what each person received can be counted before and after a change.
//
// - Alice, in recovery (Europe/Berlin, 20:00 prompt), sober since 5 February: checks in most
//   evenings (by buttons or in one line), misses 5, 10–12 and 25 March, calls SOS on the 8th,
//   relapses on the 16th, checks in just after midnight for the 20th.
// - Sam, her sponsor (America/New_York, quiet 22:00–07:00), given status, mood and notes too.
// - Pat, her partner (Europe/Berlin): chooses relapse notices, then full shared check-ins on
//   the 20th; checks in for herself on the first three days, then not again.
// - Cora, her coach (Europe/London), who turned her own prompts off.
import { DateTime } from 'luxon';
import type { Button, Reply } from '../../src/ports/reply.js';
import type { SendCall } from '../helpers/in-process-platform.js';
import { createWorld, type Actor, type World } from './world.js';

export const MONTH_FIRST = '2026-03-01';
export const MONTH_DAYS = 30;
export const ROLES = ['recovery', 'sponsor', 'partner', 'coach'] as const;
export type MonthRole = (typeof ROLES)[number];

const STEP_MS = 15 * 60_000;

export interface Delivery extends SendCall {
  role: MonthRole;
  topic: string;
}

export interface Month {
  w: World;
  people: Record<MonthRole, Actor>;
  /** Every message the outbox delivered, with its recipient's role and its topic. */
  deliveries: Delivery[];
  /** Every inline answer each person read, in order, with the command that caused it. */
  answers: { role: MonthRole; at: Date; command: string; text: string }[];
  /** What Alice's /progress said on given days (date → text). */
  progress: Map<string, string>;
  /** Buttons that were pressed only because they were offered (a question from the other side). */
  offeredPresses: { role: MonthRole; label: string; at: Date }[];
}

type Step =
  | { who: MonthRole; say: string }
  /** Presses the newest button with this label that the person can see; fails when there is none. */
  | { who: MonthRole; press: string | RegExp }
  /** Presses it only if the bot offered it (a question the other side caused). */
  | { who: MonthRole; pressIfOffered: string | RegExp }
  | { who: MonthRole; progress: true };

interface Action {
  at: Date;
  steps: Step[];
}

const ZONE: Record<MonthRole, string> = {
  recovery: 'Europe/Berlin', sponsor: 'America/New_York', partner: 'Europe/Berlin', coach: 'Europe/London',
};

function local(role: MonthRole, date: string, time: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE[role] }).toJSDate();
}

function dateOf(day: number): string {
  return DateTime.fromISO(MONTH_FIRST, { zone: 'UTC' }).plus({ days: day }).toISODate()!;
}

/** Alice's guided check-in: the prompt's button, then a tap per answer. */
function guided(status: 'Sober' | 'Middle circle' | 'Relapse', mood: string, extra: Step[] = [], done = true): Step[] {
  return [
    { who: 'recovery', say: '/checkin' },
    { who: 'recovery', press: status },
    { who: 'recovery', press: mood },
    ...extra,
    ...(done ? [{ who: 'recovery', press: 'Done' } as Step] : []),
  ];
}

function script(): Action[] {
  const a: Action[] = [];
  const add = (at: Date, ...steps: Step[]) => a.push({ at, steps });
  const setup = local('recovery', MONTH_FIRST, '10:00');
  add(setup,
    { who: 'recovery', say: '/role recovery' }, { who: 'recovery', say: '/timezone Europe/Berlin' },
    { who: 'recovery', say: '/sobriety 2026-02-05' },
    { who: 'sponsor', say: '/role supporter' }, { who: 'sponsor', say: '/timezone America/New_York' },
    { who: 'sponsor', say: '/quiet 22:00-07:00' },
    { who: 'partner', say: '/role partner' }, { who: 'partner', say: '/timezone Europe/Berlin' },
    { who: 'coach', say: '/role supporter' }, { who: 'coach', say: '/timezone Europe/London' },
    { who: 'coach', say: '/schedule off' },
  );
  // The links: the code is read from Alice's answer (see `run`).
  add(new Date(setup.getTime() + 60_000), { who: 'recovery', say: '/invite sponsor' }, { who: 'sponsor', say: '/accept {code}' });
  add(new Date(setup.getTime() + 120_000), { who: 'recovery', say: '/invite partner' }, { who: 'partner', say: '/accept {code}' },
    { who: 'partner', press: /relapse notices/ });
  add(new Date(setup.getTime() + 180_000), { who: 'recovery', say: '/invite coach' }, { who: 'coach', say: '/accept {code}' },
    { who: 'recovery', say: '/share Sam alerts,sos,milestones,status,mood,notes' });
  // Pat asked for relapse notices: if Alice is asked to share them, she agrees.
  add(new Date(setup.getTime() + 30 * 60_000), { who: 'recovery', pressIfOffered: /^Share/ });

  const missed = new Set([4, 9, 10, 11, 24]);
  const oneLine = new Set([2, 8, 13, 19, 26]);
  const walksAway = new Set([5, 21]);
  for (let day = 0; day < MONTH_DAYS; day += 1) {
    const date = dateOf(day);
    const evening = local('recovery', date, '20:30');
    // Pat checks in for herself on the first three days.
    if (day < 3) add(local('partner', date, '21:15'), { who: 'partner', say: '/checkin mood:3 safe:yes did:selfcare' });
    if (missed.has(day) || day === 19) continue;
    if (day === 15) {
      // The relapse: guided, with a reflection, edited three hours later.
      add(evening, ...guided('Relapse', '2', [{ who: 'recovery', say: '/checkin note:I was alone and tired after the fight' }]));
      add(local('recovery', date, '23:30'), { who: 'recovery', say: '/checkin note:I was alone and tired; next time I call Sam first' });
      continue;
    }
    if (oneLine.has(day)) {
      add(evening, { who: 'recovery', say: `/checkin sober mood:${3 + (day % 2)} did:meeting note:day ${day + 1} went fine` });
      if (day === 13) add(local('recovery', date, '22:45'), { who: 'recovery', say: '/checkin note:day 14, and I called my brother' });
      continue;
    }
    add(evening, ...guided('Sober', String(3 + (day % 3)), [{ who: 'recovery', press: /exercise/ }], !walksAway.has(day)));
  }
  // Day 20 (the 20th) is checked in just after midnight, for the day before.
  add(local('recovery', dateOf(20), '00:40'), { who: 'recovery', say: '/checkin sober mood:4' }, { who: 'recovery', press: /^It was for/ });
  // The SOS, answered by Sam.
  add(local('recovery', dateOf(7), '14:00'), { who: 'recovery', say: '/sos' });
  add(local('recovery', dateOf(7), '14:10'), { who: 'sponsor', press: "I'm reaching out" });
  // Pat moves to full shared check-ins on the 20th; Alice agrees to what she is asked.
  add(local('partner', dateOf(19), '09:00'), { who: 'partner', say: '/receive full' });
  add(local('recovery', dateOf(19), '09:30'), { who: 'recovery', pressIfOffered: /^Share/ });
  // What /progress says on the second day, after the relapse, and at the end.
  for (const day of [1, 16, 29]) add(local('recovery', dateOf(day), '12:00'), { who: 'recovery', progress: true });
  return a.sort((x, y) => x.at.getTime() - y.at.getTime());
}

const NAMES: Record<MonthRole, string> = { recovery: 'Alice', sponsor: 'Sam', partner: 'Pat', coach: 'Cora' };

/** Plays the month and returns everything each person received. */
export async function liveMonth(): Promise<Month> {
  // Finished messages' rows are kept past the month, so the tests can read each delivery's topic back.
  const w = await createWorld({ at: DateTime.fromISO(`${MONTH_FIRST}T08:00`, { zone: 'UTC' }).toJSDate(), env: { MESSAGE_HISTORY_DAYS: '90' } });
  const people = Object.fromEntries(ROLES.map((r) => [r, w.actor(NAMES[r])])) as Record<MonthRole, Actor>;
  const lastAnswer = new Map<MonthRole, Reply[]>();
  const answers: Month['answers'] = [];
  const progress = new Map<string, string>();
  const offeredPresses: Month['offeredPresses'] = [];
  let code = '';

  const visibleButtons = (role: MonthRole): Button[] => {
    const inline = (lastAnswer.get(role) ?? []).flatMap((r) => (r.buttons ?? []).flat());
    const delivered = w.inbox(people[role].account).flatMap((d) => (d.message.reply.buttons ?? []).flat());
    return [...inline.reverse(), ...delivered.reverse()];
  };
  const find = (role: MonthRole, label: string | RegExp) => visibleButtons(role)
    .find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
  const say = async (role: MonthRole, text: string) => {
    const replies = await w.send(people[role], text);
    lastAnswer.set(role, replies);
    const joined = replies.map((r) => r.text).join('\n\n');
    answers.push({ role, at: w.bot.clock.now(), command: text, text: joined });
    const m = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(joined);
    if (m && text.startsWith('/invite')) code = m[1]!;
    return joined;
  };
  const runStep = async (s: Step) => {
    if ('say' in s) {
      await say(s.who, s.say.replace('{code}', code));
    } else if ('progress' in s) {
      progress.set(DateTime.fromJSDate(w.bot.clock.now(), { zone: ZONE[s.who] }).toISODate()!, await say(s.who, '/progress'));
    } else if ('press' in s) {
      const b = find(s.who, s.press);
      if (!b) throw new Error(`${NAMES[s.who]} sees no button ${String(s.press)} at ${w.bot.clock.now().toISOString()}: ${visibleButtons(s.who).map((x) => x.label).join(' | ')}`);
      await say(s.who, b.command);
    } else {
      const b = find(s.who, s.pressIfOffered);
      if (b) {
        offeredPresses.push({ role: s.who, label: b.label, at: w.bot.clock.now() });
        await say(s.who, b.command);
      }
    }
  };

  const actions = script();
  const end = DateTime.fromISO(dateOf(MONTH_DAYS), { zone: 'UTC' }).plus({ hours: 12 }).toMillis();
  let next = 0;
  for (let t = w.bot.clock.now().getTime(); t <= end; t += STEP_MS) {
    while (next < actions.length && actions[next]!.at.getTime() <= t) {
      const act = actions[next]!;
      w.at(act.at);
      await w.tickAndDeliver();
      for (const s of act.steps) {
        await runStep(s);
        await w.deliver();
      }
      next += 1;
    }
    w.at(new Date(t));
    await w.tickAndDeliver();
  }

  const rows = await w.db.selectFrom('outbox').select(['idem_key', 'topic']).execute();
  const topicOf = new Map(rows.map((r) => [r.idem_key, r.topic]));
  const roleOf = new Map(ROLES.map((r) => [people[r].account, r]));
  const deliveries = w.all().filter((d) => roleOf.has(d.chatId))
    .map((d) => ({ ...d, role: roleOf.get(d.chatId)!, topic: topicOf.get(d.key) ?? `?${d.kind}` }));
  return { w, people, deliveries, answers, progress, offeredPresses };
}

/** Messages per role and topic, as a markdown table (topics as rows, roles as columns). */
export function countTable(deliveries: readonly Delivery[]): string {
  const topics = [...new Set(deliveries.map((d) => d.topic))].sort();
  const count = (role: MonthRole, topic?: string) => deliveries.filter((d) => d.role === role && (topic === undefined || d.topic === topic)).length;
  const lines = [`| topic | ${ROLES.join(' | ')} |`, `| --- | ${ROLES.map(() => '---:').join(' | ')} |`];
  for (const t of topics) lines.push(`| ${t} | ${ROLES.map((r) => count(r, t)).join(' | ')} |`);
  lines.push(`| **all** | ${ROLES.map((r) => `**${count(r)}**`).join(' | ')} |`);
  return lines.join('\n');
}
