import { z } from 'zod';
import { DateTime } from 'luxon';
import { daysBetween, localDateOf, type LocalDate } from '../domain/local-date.js';
import { HEALING_WORK, HEALING_WORK_LABEL, type CheckIn, type HealingWork } from '../domain/checkin.js';
import type { Situation } from '../messages/encouragement.js';
import { shortDate } from '../messages/format.js';
import { reply, type Button, type Reply } from '../ports/reply.js';
import { recordCheckin, type CheckinInput, type CheckinOutcome } from '../services/checkin.js';
import { loadCounters } from '../services/counters.js';
import { encourage } from '../services/encourage.js';
import { heldFor, shareCheckin } from '../services/share-checkin.js';
import { tellCheckedInAgain } from '../services/missed-news.js';
import { moveCheckinToYesterday, openYesterday } from '../services/late-checkin.js';
import { celebrateMilestones } from '../services/milestones.js';
import { getCheckin } from '../store/checkins.js';
import { updatePerson } from '../store/people.js';
import type { CommandContext } from '../services/context.js';
import { action, type CommandSpec } from './spec.js';
import { crisisAfterCheckin, readCheckin } from './crisis-reply.js';
import { gentleCheck } from '../services/heavy-moments.js';

export const NOTE_MAX = 2000;
export const FEELING_MAX = 40;

const workList = z.string().transform((s, ctx) => {
  const items = s.toLowerCase().split(',').map((x) => x.trim()).filter(Boolean);
  const add: HealingWork[] = [];
  const remove: HealingWork[] = [];
  for (const item of items) {
    const sign = item[0] === '+' || item[0] === '-' ? item[0] : null;
    const name = sign ? item.slice(1) : item;
    if (!(HEALING_WORK as readonly string[]).includes(name)) {
      ctx.addIssue({ code: 'custom', message: name });
      return z.NEVER;
    }
    (sign === '-' ? remove : add).push(name as HealingWork);
  }
  const changes = items.some((i) => i[0] === '+' || i[0] === '-');
  return changes ? { add, remove } : { set: add };
});

const options = {
  status: {
    description: 'How today went, by your own circles',
    schema: z.enum(['sober', 'middle', 'relapse']),
    expected: 'sober, middle or relapse',
    positional: true,
  },
  mood: {
    description: 'Mood from 1 (very low) to 5 (very good)',
    schema: z.coerce.number().int().min(1).max(5),
    expected: 'a number from 1 (very low) to 5 (very good)',
    positional: true,
  },
  step: {
    description: 'done to finish, note to add a private note, yesterday if it was for yesterday',
    schema: z.enum(['done', 'note', 'yesterday']),
    expected: 'done, note or yesterday',
    positional: true,
  },
  feeling: {
    description: 'One word for how you feel',
    schema: z.string().trim().min(1).max(FEELING_MAX),
    expected: `one feeling word, up to ${FEELING_MAX} characters`,
  },
  did: {
    description: `Healing work today: ${HEALING_WORK.join(', ')}`,
    schema: workList,
    expected: `healing work from this list, separated by commas: ${HEALING_WORK.join(', ')}`,
  },
  safe: {
    description: 'Do you feel safe today? yes or no',
    schema: z.enum(['yes', 'no']),
    expected: 'yes or no',
  },
  note: {
    description: 'A private note, only for you',
    schema: z.string().trim().min(1).max(NOTE_MAX),
    expected: `a private note of up to ${NOTE_MAX} characters`,
    rest: true,
  },
} as const;

export const checkinCommand: CommandSpec = {
  name: 'checkin',
  summary: 'Check in for today (a second check-in updates the first)',
  usage: ['/checkin sober mood:4 did:meeting,selfcare note:words…', '/checkin middle mood:3', '/checkin relapse mood:2', '/checkin mood:3 safe:yes did:selfcare,boundaries'],
  where: 'anywhere',
  private: true,
  editsInPlace: true,
  readsHeavyMoments: true,
  action: action({
    summary: 'Check in for today',
    options,
    forms: [{
      opensWith: { step: 'note' }, fills: 'note', long: true,
      title: 'A private note', label: 'Your note (only you can see it)', placeholder: 'What happened, how you feel, one next step…',
    }],
    async run(ctx, args) {
      const role = ctx.person.role;
      if (args.status && role !== 'recovery') {
        return reply('Your check-in is about your own healing, so it has no sober/relapse answer. Try /checkin mood:3 did:selfcare');
      }
      if (args.step === 'yesterday') {
        const moved = await moveCheckinToYesterday(ctx);
        if ('problem' in moved) return reply(moved.problem);
        return reply(`Done: that check-in now counts for ${shortDate(moved.moved)}, and today is still open for its own.`);
      }
      if (args.step === 'note') {
        await updatePerson(ctx.deps.db, ctx.person.id, { awaiting: { kind: 'note', date: ctx.today } });
        return reply('Write your note as your next message. It stays private: only you can see it, and you can /export or /delete it any time.');
      }
      const input: CheckinInput = {
        status: args.status, mood: args.mood as CheckinInput['mood'], feeling: args.feeling, note: args.note, work: args.did,
        safe: args.safe === undefined ? undefined : args.safe === 'yes',
      };
      const nothingGiven = Object.values(input).every((v) => v === undefined);
      if (nothingGiven && (args.step !== 'done' || !(await getCheckin(ctx.deps.db, ctx.deps.seal, ctx.person.id, ctx.today)))) {
        return firstQuestion(ctx); // an old Done button pressed on a new day records nothing
      }
      const outcome = await recordCheckin(ctx, input);
      // A heavy moment is answered on its own (crisis-reply.ts); unsure words get a gentle question after the answer.
      const heavy = readCheckin(ctx, outcome);
      if (heavy && 'moment' in heavy) return crisisAfterCheckin(ctx, outcome, heavy.moment);
      const replies = await answer(ctx, outcome, args.step === 'done');
      return heavy ? [...replies, gentleCheck(heavy.gentle)] : replies;
    },
  }),
};

/** The guided check-in starts with the first question that fits the role. */
function firstQuestion(ctx: CommandContext): Reply {
  if (ctx.person.role === 'recovery') {
    return reply(`Check-in for ${shortDate(ctx.today)}.\nDid you stay sober — inside your boundaries — since your last check-in?`, {
      buttons: [[
        { label: 'Sober', command: '/checkin sober' },
        { label: 'Middle circle', command: '/checkin middle' },
        { label: 'Relapse', command: '/checkin relapse' },
      ]],
    });
  }
  return reply(`Check-in for ${shortDate(ctx.today)}. How are you feeling, from 1 (very low) to 5 (very good)?`, { buttons: [moodButtons()] });
}

function moodButtons(): Button[] {
  return [1, 2, 3, 4, 5].map((m) => ({ label: String(m), command: `/checkin mood:${m}` }));
}

function workButtons(done: readonly HealingWork[]): Button[][] {
  const buttons = HEALING_WORK.map((w) => done.includes(w)
    ? { label: `✓ ${HEALING_WORK_LABEL[w]}`, command: `/checkin did:-${w}` }
    : { label: HEALING_WORK_LABEL[w], command: `/checkin did:+${w}` });
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  rows.push([{ label: 'Add a note', command: '/checkin note' }, { label: 'Done', command: '/checkin done' }]);
  return rows;
}

export function describeCheckin(c: CheckIn): string {
  const parts: string[] = [];
  if (c.status === 'sober') parts.push('sober');
  if (c.status === 'middle') parts.push('middle circle');
  if (c.status === 'relapse') parts.push('relapse');
  if (c.mood !== null) parts.push(`mood ${c.mood}${c.feeling ? ` (${c.feeling})` : ''}`);
  if (c.safe !== null) parts.push(c.safe ? 'feeling safe' : 'not feeling safe');
  if (c.healingWork.length > 0) parts.push(c.healingWork.map((w) => HEALING_WORK_LABEL[w]).join(', '));
  if (c.note) parts.push('private note saved');
  return parts.join(' · ');
}

function isComplete(c: CheckIn | null, recovery: boolean): boolean {
  return c !== null && c.mood !== null && (!recovery || c.status !== null);
}

async function answer(ctx: CommandContext, o: CheckinOutcome, done: boolean): Promise<Reply[]> {
  const recovery = ctx.person.role === 'recovery';
  const c = o.checkin;
  // "Done" closes the check-in with one short summary; each other tap says what was recorded and asks the next question.
  const verb = done ? 'Your check-in' : o.previous ? 'Updated your check-in' : 'Checked in';
  const lines = [`${verb} for ${shortDate(c.localDate)}${done ? ' is complete' : ''}: ${describeCheckin(c) || 'nothing recorded yet'}.`];
  if (o.relapseUndone) lines.push('Your sobriety date is back to what it was before.');

  // Encouragement and milestones come once, when the day's check-in is first complete (or closed with Done before that).
  const wasComplete = isComplete(o.previous, recovery);
  const finished = o.newRelapse || (!wasComplete && (done || isComplete(c, recovery)));
  if (finished) {
    const counters = await loadCounters(ctx.deps, ctx.person, ctx.today);
    const lastBefore = counters.lastBefore;
    lines.push('', await encourage(ctx.deps, ctx.person, situationOf(c, lastBefore, ctx.today), ctx.now));
    if (o.newRelapse) lines.push('Your new sobriety date is today. Your longest and total sober days still count.');
    for (const cel of await celebrateMilestones(ctx.deps, ctx.person, counters, ctx.now)) lines.push('', cel.text);
  }
  // The day's first check-in ends a run of missed days: whoever was alerted hears so, once.
  if (!o.previous) await tellCheckedInAgain(ctx);
  // Every change to what is shared replaces the news still waiting, so supporters receive the check-in as it ends up.
  if (done || sharedChanged(o)) await shareCheckin(ctx, c, { finished: done });
  if (o.newRelapse) {
    const held = await heldFor(ctx);
    if (held) {
      lines.push('', `${joinNames(held.names)} will hear about today in 24 hours, not before ${shortDate(localDateOf(held.until, ctx.person.timezone))} ${timeOf(held.until, ctx.person.timezone)}. That gives you time to tell them yourself, which often means a lot. If you would rather I tell them now, send /disclose.`);
    }
  }
  const next = done ? null : nextStep(c, recovery, o.newRelapse);
  if (next) lines.push('', next.question);
  const buttons = next?.buttons ?? [];
  // Just after midnight, with yesterday still open, the person may have meant yesterday.
  const yesterday = !o.previous && c.status !== 'relapse' ? await openYesterday(ctx) : null;
  if (yesterday) {
    lines.push('', `If this was meant for yesterday (${shortDate(yesterday)}), I can count it there instead.`);
    buttons.push([{ label: `It was for ${shortDate(yesterday)}`, command: '/checkin yesterday' }]);
  }
  return [reply(lines.join('\n'), buttons.length > 0 ? { buttons } : {})];
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function timeOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('HH:mm');
}

/** Whether a part that can be shared changed (healing work is never shared). */
function sharedChanged(o: CheckinOutcome): boolean {
  const p = o.previous;
  const c = o.checkin;
  return !p || p.status !== c.status || p.mood !== c.mood || p.feeling !== c.feeling || p.note !== c.note;
}

function situationOf(c: CheckIn, lastBefore: LocalDate | null, today: LocalDate): Situation {
  if (c.mood === 1) return 'low-mood';
  if (c.status === 'relapse') return 'after-relapse';
  if (c.status === 'middle') return 'middle-circle';
  if (c.mood === 2) return 'hard-day';
  if (lastBefore !== null && daysBetween(lastBefore, today) > 2) return 'missed-days';
  return 'good-day';
}

const MOOD_QUESTION = 'How is your mood, from 1 (very low) to 5 (very good)?';

/** The next unanswered question, in words, and its buttons, so the guided form is a few taps. */
function nextStep(c: CheckIn, recovery: boolean, newRelapse: boolean): { question: string; buttons: Button[][] } | null {
  if (newRelapse) {
    const reflection = 'If it helps, write a short reflection: what happened, what you felt, and one next step. It stays private.';
    return c.mood === null
      ? { question: `${reflection}\n${MOOD_QUESTION}`, buttons: [moodButtons(), [{ label: 'Write a reflection', command: '/checkin note' }]] }
      : { question: reflection, buttons: [[{ label: 'Write a reflection', command: '/checkin note' }]] };
  }
  if (recovery && c.status === null) return null;
  if (c.mood === null) return { question: MOOD_QUESTION, buttons: [moodButtons()] };
  // A betrayed partner's safety comes first: asked before anything else about the day.
  if (!recovery && c.safe === null) {
    return { question: 'Do you feel safe today?', buttons: [[{ label: 'Yes, I feel safe', command: '/checkin safe:yes' }, { label: 'No', command: '/checkin safe:no' }]] };
  }
  return { question: 'Any healing work today? Tap what you did, add a private note, or finish.', buttons: workButtons(c.healingWork) };
}
