import { graceDeadline, nextPrompt, nextWeekly } from '../domain/due-time.js';
import { addDays, daysBetween, localDateOf, weekdayOf } from '../domain/local-date.js';
import { daysToNextPrompt, paceAfter, paceStartedBy } from '../domain/prompt-pace.js';
import { tallyDays } from '../domain/streaks.js';
import { consecutiveMisses } from '../domain/missed.js';
import { isPaused, type Person } from '../domain/person.js';
import { celebrationText, escalationText, missedAlertText, promptText, reminderText, weeklySummaryText } from '../messages/scheduled.js';
import { reply } from '../ports/reply.js';
import { loadCounters, openFromOf } from '../services/counters.js';
import { celebrateMilestones } from '../services/milestones.js';
import { toDbInstant } from '../store/convert.js';
import type { Db } from '../store/database.js';
import { displayNameOf, sharingLinks } from '../store/links.js';
import { discloseToSupporters } from '../services/disclose.js';
import { enqueueMessage, escalatedAfter, type NewOutboxMessage } from '../store/outbox.js';
import { getPerson, homeAccount } from '../store/people.js';
import { anythingDue, claimDue, dueIds, graceOf, promptState, type DueColumn } from '../store/schedule.js';
import { checkinDatesFrom, hasCheckinOn, listCheckinDays } from '../store/checkins.js';
import { goalCounts } from '../store/goals.js';
import type { TextSeal } from '../store/sealed-text.js';
import { groupTick } from './group-tick.js';
import { supporterSummaries } from './supporter-summary.js';
import type { SchedulerDeps } from '../services/context.js';


export interface TickReport {
  prompts: number;
  reminders: number;
  alerts: number;
  summaries: number;
  celebrations: number;
  skippedStale: number;
  /** Group prompts and roll calls queued. */
  group: number;
}

const BATCH = 500;
const HOUR = 3_600_000;
const SUNDAY = 7;

/**
 * One pass over everything due: prompts, reminders, grace deadlines, weekly summaries.
 * Each due row is claimed by compare-and-set on its due column, and the messages it
 * causes are written to the outbox in the same transaction, so a crash either did both
 * or neither, and two ticks never both take the same row.
 */
export async function tick(deps: SchedulerDeps): Promise<TickReport> {
  const now = deps.clock.now();
  const report: TickReport = { prompts: 0, reminders: 0, alerts: 0, summaries: 0, celebrations: 0, skippedStale: 0, group: 0 };
  // Most ticks find nothing: one statement says so. Once a column had work, the ones after it are
  // drained as before, since a claimed prompt can set a reminder or deadline that is already due.
  const due = await anythingDue(deps.db, now);
  let worked = false;
  const columns: [DueColumn, (id: string, at: string) => Promise<void>][] = [
    ['next_prompt_at', (id, at) => duePrompt(deps, id, at, now, report)],
    ['reminder_at', (id, at) => dueReminder(deps, id, at, now, report)],
    ['grace_at', (id, at) => dueGrace(deps, id, at, now, report)],
    ['next_summary_at', (id, at) => dueSummary(deps, id, at, now, report)],
  ];
  for (const [column, handle] of columns) {
    if (!worked && !due.people[column]) continue;
    worked = true;
    await drain(deps, column, now, handle);
  }
  if (due.groups) report.group = await groupTick(deps, now);
  return report;
}

async function drain(deps: SchedulerDeps, column: DueColumn, now: Date, handle: (id: string, due: string) => Promise<void>) {
  for (;;) {
    const batch = await dueIds(deps.db, column, now, BATCH);
    for (const row of batch) {
      try {
        await handle(row.id, row.due);
      } catch (e) {
        // One person's bad row must not stop everyone else's prompts; it is retried next tick.
        deps.log.error({ event: 'tick-row-failed', column, err: (e as Error).message }, 'due work failed for one person');
      }
    }
    if (batch.length < BATCH) return;
  }
}

async function toHome(db: Db, person: Person, m: Omit<NewOutboxMessage, 'to'>, seal: TextSeal, now: Date): Promise<boolean> {
  const account = await homeAccount(db, person.id);
  if (!account) return false;
  return enqueueMessage(db, seal, { ...m, to: { chatId: account, kind: 'dm' } }, now);
}

async function duePrompt(deps: SchedulerDeps, id: string, due: string, now: Date, report: TickReport) {
  const { db, seal, config } = deps;
  await db.transaction().execute(async (trx) => {
    const person = await getPerson(trx, id);
    if (!person) return;
    const dueAt = new Date(due);
    const state = await promptState(trx, id);
    const date = state.pendingDate ?? localDateOf(dueAt, person.timezone);
    const next = person.promptTime && person.role
      ? nextPrompt({ zone: person.timezone, time: person.promptTime, days: person.promptDays }, now > dueAt ? now : dueAt, date)
      : null;
    const s = config.schedule;
    const stale = now.getTime() - dueAt.getTime() > s.promptStaleMinutes * 60_000;
    // While prompts go unanswered they come less often: a day between two is a day of rest,
    // with no prompt, no reminder and no deadline (so nobody is alerted about it either).
    const pace = paceAfter(person.unansweredPrompts);
    const resting = pace !== 'daily' && state.lastDeadlineDate !== null && daysBetween(state.lastDeadlineDate, date) < daysToNextPrompt(pace);
    const sends = !resting && !stale && person.role !== null && !isPaused(person, now) && !(await hasCheckinOn(trx, id, date));
    const unanswered = person.unansweredPrompts + (sends ? 1 : 0);
    const claimed = await claimDue(trx, id, 'next_prompt_at', due, {
      next_prompt_at: next ? toDbInstant(next.at) : null,
      pending_prompt_date: next?.localDate ?? null,
      last_prompt_date: date,
      unanswered_prompts: unanswered,
      ...(resting ? {} : {
        // The reminder counts from when the prompt actually goes (late after downtime); a skipped
        // stale prompt gets none, and neither does one that goes unanswered week after week.
        reminder_at: stale || paceAfter(unanswered) !== 'daily' ? null : toDbInstant(new Date(Math.max(now.getTime(), dueAt.getTime()) + s.reminderAfterMinutes * 60_000)),
        grace_at: toDbInstant(graceDeadline(date, dueAt, person.timezone, s.graceHours)),
        grace_date: date,
      }),
    });
    if (!claimed || person.role === null) return;
    if (stale && !resting) {
      report.skippedStale += 1;
    } else if (sends) {
      const text = promptText(person.role, date, paceStartedBy(person.unansweredPrompts));
      if (await toHome(trx, person, { key: `prompt:${id}:${date}`, topic: 'prompt', aboutDate: date, recipientId: id, reply: reply(text, { buttons: [[{ label: 'Check in now', command: '/checkin' }]] }), notBefore: now }, seal, now)) report.prompts += 1;
    }
    // Sobriety milestones come with the passing days, so the daily prompt is when they are noticed.
    const counters = await loadCounters({ db: trx }, person, localDateOf(now, person.timezone));
    for (const c of await celebrateMilestones({ db: trx, seal }, person, counters, now)) {
      const key = `milestone:${id}:${c.kind}:${c.periodKey}:${c.days}`;
      if (await toHome(trx, person, { key, topic: 'celebration', recipientId: id, reply: reply(celebrationText(c.headline, c.body)), notBefore: now }, seal, now)) report.celebrations += 1;
    }
  });
}

async function dueReminder(deps: SchedulerDeps, id: string, due: string, now: Date, report: TickReport) {
  const { db, seal, config } = deps;
  await db.transaction().execute(async (trx) => {
    const { date } = await graceOf(trx, id);
    if (!(await claimDue(trx, id, 'reminder_at', due, {}))) return;
    const person = await getPerson(trx, id);
    if (!person || !date || isPaused(person, now) || (await hasCheckinOn(trx, id, date))) return;
    if (now.getTime() - new Date(due).getTime() > config.schedule.promptStaleMinutes * 60_000) {
      report.skippedStale += 1;
      return;
    }
    const sent = await toHome(trx, person, { key: `reminder:${id}:${date}`, topic: 'reminder', aboutDate: date, recipientId: id, reply: reply(reminderText(person.role), { buttons: [[{ label: 'Check in now', command: '/checkin' }]] }), notBefore: now }, seal, now);
    if (sent) report.reminders += 1;
  });
}

async function dueGrace(deps: SchedulerDeps, id: string, due: string, now: Date, report: TickReport) {
  const { db, seal } = deps;
  await db.transaction().execute(async (trx) => {
    const { date } = await graceOf(trx, id);
    if (!(await claimDue(trx, id, 'grace_at', due, {}))) return;
    const person = await getPerson(trx, id);
    // A missed check-in is not a relapse, and a paused person is on a break: no alert.
    if (!person || !date || isPaused(person, now) || (await hasCheckinOn(trx, id, date))) return;
    const dates = await checkinDatesFrom(trx, id, addDays(date, -400));
    const inARow = consecutiveMisses(dates, date, person.promptDays, person.joinedOn);
    const name = await displayNameOf(trx, id);
    // Unanswered for several days in a row: a coach, if there is one, hears it once, as one
    // message (the escalation takes the place of that day's alert), when the run first reaches it.
    const runStart = new Date(now.getTime() - inARow * 24 * HOUR);
    const answered = (await sharingLinks(trx, id)).some((l) => l.reachedOutAt && l.reachedOutAt >= runStart);
    const escalating = inARow >= deps.config.schedule.escalateAfterMisses && !answered
      && !(await escalatedAfter(trx, id, addDays(date, -inARow)));
    report.alerts += await discloseToSupporters(trx, seal, person, {
      topic: 'missed', needs: ['alerts'], aboutDate: date, key: `alert:${id}:${date}`, notBefore: now,
      only: (link) => !(escalating && link.relation === 'coach'),
      text: () => missedAlertText(name, date, inARow),
      buttons: (link) => [[{ label: "I'll reach out", command: `/reachout ${link.id} missed` }]],
    }, now);
    if (escalating) {
      report.alerts += await discloseToSupporters(trx, seal, person, {
        topic: 'escalation', needs: ['alerts'], aboutDate: date, key: `escalation:${id}:${date}`, notBefore: now,
        only: (link) => link.relation === 'coach',
        text: () => escalationText(name, date, inARow),
        buttons: (link) => [[{ label: "I'll reach out", command: `/reachout ${link.id} missed` }]],
      }, now);
    }
  });
}

async function dueSummary(deps: SchedulerDeps, id: string, due: string, now: Date, report: TickReport) {
  const { db, seal, config } = deps;
  await db.transaction().execute(async (trx) => {
    const person = await getPerson(trx, id);
    if (!person) return;
    const next = person.role ? nextWeekly(person.timezone, SUNDAY, config.schedule.weeklySummaryTime, now) : null;
    if (!(await claimDue(trx, id, 'next_summary_at', due, { next_summary_at: next ? toDbInstant(next) : null }))) return;
    if (!person.role || isPaused(person, now) || now.getTime() - new Date(due).getTime() > 24 * HOUR) return;
    const today = localDateOf(now, person.timezone);
    // The week the summaries count: days that have closed, and today only once checked in.
    const openFrom = await openFromOf({ db: trx }, person, today, now);
    const counters = await loadCounters({ db: trx }, person, today, openFrom);
    const from = addDays(today, -6);
    // The week's answers are opened for the summaries; the counters needed none.
    const week = (await listCheckinDays(trx, seal, id, from)).filter((d) => d.localDate <= today);
    const tally = tallyDays(new Set(week.map((d) => d.localDate)), from, today, openFrom,
      (d) => d >= person.joinedOn && person.promptDays.includes(String(weekdayOf(d))));
    const goals = await weeklyGoals(trx, id, now);
    // A summary is for someone who checks in: a week without a check-in (or a goal) gets none.
    if (tally.checkedIn > 0 || goals.open > 0 || goals.doneThisWeek > 0) {
      const text = weeklySummaryText(person.role, {
        checkins: tally.checkedIn, days: tally.days, streak: counters.streak.length,
        soberDays: counters.sobriety?.current ?? null, actionsDays: week.filter((d) => d.actions > 0).length, goals,
      });
      if (await toHome(trx, person, { key: `summary:${id}:${today}`, topic: 'summary', aboutDate: today, recipientId: id, reply: reply(text), notBefore: now }, seal, now)) report.summaries += 1;
    }
    report.summaries += await supporterSummaries(trx, seal, person, week, tally, today, now);
  });
}

async function weeklyGoals(db: Db, personId: string, now: Date): Promise<{ open: number; doneThisWeek: number }> {
  const c = await goalCounts(db, personId, new Date(now.getTime() - 7 * 24 * HOUR));
  return { open: c.open, doneThisWeek: c.doneSince };
}
