import { DateTime } from 'luxon';

export type ClockResult = { ok: true; instant: Date } | { ok: false; message: string };

const STEP = /^\+(\d{1,4})([dhm])$/;

/**
 * `+1d`, `+3h`, `+30m` move the simulated clock forward; an ISO date-time sets it
 * (read as UTC unless it names an offset). Time only moves forward, as real time does.
 */
export function parseClockCommand(arg: string, now: Date): ClockResult {
  const step = STEP.exec(arg);
  if (step) {
    const n = Number(step[1]);
    const unit = step[2] === 'd' ? 'days' : step[2] === 'h' ? 'hours' : 'minutes';
    return { ok: true, instant: DateTime.fromJSDate(now).plus({ [unit]: n }).toJSDate() };
  }
  const dt = DateTime.fromISO(arg, { zone: 'UTC' });
  if (arg !== '' && dt.isValid) {
    const instant = dt.toJSDate();
    if (instant < now) return { ok: false, message: 'the clock only moves forward; give a later time' };
    return { ok: true, instant };
  }
  return { ok: false, message: '/clock expects +1d, +3h, +30m, or a date-time such as 2026-03-29T20:00' };
}
