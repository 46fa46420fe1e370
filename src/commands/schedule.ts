import { z } from 'zod';
import { completeZone, isTimeZone, localDateOf, suggestZones, type TimeZone } from '../domain/local-date.js';
import { parseQuietHours, parseTimeOfDay } from '../domain/time-of-day.js';
import { reply } from '../ports/reply.js';
import { reschedule } from '../services/schedule.js';
import { updatePerson } from '../store/people.js';
import { parsedBy, parsedOrOff } from './parsed-schema.js';
import { action, type CommandSpec } from './spec.js';
import { zoneButtons } from './onboarding.js';
import { DateTime } from 'luxon';

const timeOrOff = parsedOrOff(parseTimeOfDay);

export const timezoneCommand: CommandSpec = {
  name: 'timezone',
  summary: 'Set your time zone, so check-ins follow your own day',
  usage: ['/timezone Europe/Berlin'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Set your time zone',
    options: {
      zone: {
        description: 'An IANA time zone such as Europe/Berlin or America/New_York',
        // Case-insensitive: "europe/berlin" finds Europe/Berlin.
        schema: parsedBy(canonicalZone),
        expected: (given) => `an IANA time zone name, for example ${suggestZones(given).join(', ')}`,
        positional: true,
        suggest: completeZone,
      },
    },
    forms: [{ opensWith: {}, fills: 'zone', title: 'Your time zone', label: 'Time zone', placeholder: 'Europe/Berlin' }],
    async run(ctx, { zone }) {
      if (!zone) {
        await updatePerson(ctx.deps.db, ctx.person.id, { awaiting: { kind: 'timezone' } });
        return reply(`Your time zone is ${ctx.person.timezone}. Type the one you are in (for example Europe/Berlin), or pick one:`, {
          buttons: zoneButtons(),
        });
      }
      await updatePerson(ctx.deps.db, ctx.person.id, { timezone: zone, awaiting: null });
      await reschedule(ctx.deps, ctx.person.id, ctx.now);
      const local = DateTime.fromJSDate(ctx.now, { zone }).toFormat('HH:mm');
      const onboarding = ctx.person.awaiting?.kind === 'timezone';
      if (onboarding && ctx.person.role === 'supporter' && !ctx.person.promptTime) {
        // Offered once, while setting up: a supporter's own daily check-in, only if they want one.
        return reply(`Time zone set to ${zone} (it is ${local} there now). Would you like a daily check-in for yourself too? Nothing comes unless you choose it; you can start it any time with /schedule 20:00.`, {
          buttons: [[{ label: 'Yes, a daily check-in at 20:00', command: '/schedule 20:00' }]],
        });
      }
      const next = ctx.person.promptTime
        ? `Your check-in reminder comes at ${ctx.person.promptTime} your time. Change it with /schedule 21:30.`
        : 'Daily check-in reminders are off; turn them on with /schedule 20:00.';
      return reply(`Time zone set to ${zone} (it is ${local} there now). ${next}`, {
        buttons: ctx.person.promptTime ? [[
          { label: '07:00', command: '/schedule 07:00' }, { label: '12:00', command: '/schedule 12:00' },
          { label: '20:00', command: '/schedule 20:00' }, { label: '22:00', command: '/schedule 22:00' },
        ]] : undefined,
      });
    },
  }),
};

/** Resolves a typed zone name to its canonical spelling, or null when it is not a zone. */
export function canonicalZone(typed: string): TimeZone | null {
  // Intl reports the canonical spelling ("america/new_york" → "America/New_York").
  if (isTimeZone(typed)) return new Intl.DateTimeFormat('en', { timeZone: typed }).resolvedOptions().timeZone as TimeZone;
  const all = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  const hit = all.find((z) => z.toLowerCase() === typed.toLowerCase().replace(/ /g, '_'));
  return hit && isTimeZone(hit) ? hit : null;
}

const DAY_SETS: Record<string, string> = { daily: '1234567', weekdays: '12345', weekends: '67' };

export const scheduleCommand: CommandSpec = {
  name: 'schedule',
  summary: 'Choose the time and days of your daily check-in reminder, or turn it off',
  usage: ['/schedule 21:30', '/schedule 07:30 days:weekdays', '/schedule off'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Set your check-in time',
    options: {
      time: { description: 'A time like 21:30, or off', schema: timeOrOff, expected: 'a time like 21:30, or off', positional: true, required: true },
      days: {
        description: 'daily, weekdays or weekends',
        schema: z.enum(['daily', 'weekdays', 'weekends']),
        expected: 'daily, weekdays or weekends',
      },
    },
    async run(ctx, { time, days }) {
      if (time === 'off') {
        await updatePerson(ctx.deps.db, ctx.person.id, { promptTime: null });
        await reschedule(ctx.deps, ctx.person.id, ctx.now);
        return reply('Daily reminders are off. You can still /checkin any time, and turn them on again with /schedule 20:00.');
      }
      const promptDays = days ? DAY_SETS[days]! : ctx.person.promptDays;
      await updatePerson(ctx.deps.db, ctx.person.id, { promptTime: time, promptDays });
      await reschedule(ctx.deps, ctx.person.id, ctx.now);
      const which = promptDays === '1234567' ? 'every day' : promptDays === '12345' ? 'on weekdays' : promptDays === '67' ? 'at weekends' : 'on your chosen days';
      return reply(`Your check-in reminder will come at ${time} (${ctx.person.timezone}) ${which}.`);
    },
  }),
};

export const quietCommand: CommandSpec = {
  name: 'quiet',
  summary: 'Set quiet hours: no messages from me in that window (except SOS)',
  usage: ['/quiet 22:00-07:00', '/quiet off'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Set quiet hours',
    options: {
      hours: {
        description: 'A range like 22:00-07:00, or off',
        schema: parsedOrOff(parseQuietHours),
        expected: 'a range like 22:00-07:00, or off',
        positional: true,
        required: true,
      },
    },
    async run(ctx, { hours }) {
      if (hours === 'off') {
        await updatePerson(ctx.deps.db, ctx.person.id, { quiet: null });
        return reply('Quiet hours are off.');
      }
      await updatePerson(ctx.deps.db, ctx.person.id, { quiet: hours });
      return reply(`Quiet hours set: ${hours.start}–${hours.end} your time. Messages I start wait until they end; an SOS from someone you support does not.`);
    },
  }),
};

export const pauseCommand: CommandSpec = {
  name: 'pause',
  summary: 'Pause reminders and alerts for some days (your counter keeps going)',
  usage: ['/pause 7', '/pause off'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Pause reminders',
    options: {
      days: {
        description: 'Number of days (1-90), or off',
        schema: parsedOrOff((s) => (/^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= 90 ? Number(s) : null)),
        expected: 'a number of days from 1 to 90, or off',
        positional: true,
        required: true,
      },
    },
    async run(ctx, { days }) {
      if (days === 'off') {
        await updatePerson(ctx.deps.db, ctx.person.id, { pausedUntil: null });
        return reply('Welcome back. Reminders and alerts are on again.');
      }
      const until = DateTime.fromJSDate(ctx.now, { zone: ctx.person.timezone }).plus({ days }).toJSDate();
      await updatePerson(ctx.deps.db, ctx.person.id, { pausedUntil: until });
      return reply(`Paused until ${localDateOf(until, ctx.person.timezone)}: no reminders or missed-check-in alerts until then. Your sobriety counter keeps counting, and you can still /checkin. End it early with /pause off.`);
    },
  }),
};
