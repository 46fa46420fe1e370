import { DateTime } from 'luxon';

/** Where `/clock` moves the simulated clock: an instant, or back to real time. */
export type ClockResult = { ok: true; instant: Date } | { ok: true; realTime: true } | { ok: false; message: string };

const STEP = /^\+(\d{1,4})([dhm])$/;

/**
 * `+1d`, `+3h`, `+30m` move the simulated clock forward; an ISO date-time sets it
 * (read as UTC unless it names an offset). Simulated time only moves forward, as real time
 * does; `now` leaves the simulation and goes back to real time.
 */
export function parseClockCommand(arg: string, now: Date): ClockResult {
  if (arg.toLowerCase() === 'now') return { ok: true, realTime: true };
  const step = STEP.exec(arg);
  if (step) {
    const n = Number(step[1]);
    const unit = step[2] === 'd' ? 'days' : step[2] === 'h' ? 'hours' : 'minutes';
    return { ok: true, instant: DateTime.fromJSDate(now).plus({ [unit]: n }).toJSDate() };
  }
  const dt = DateTime.fromISO(arg, { zone: 'UTC' });
  if (arg !== '' && dt.isValid) {
    const instant = dt.toJSDate();
    if (instant < now) return { ok: false, message: 'the clock only moves forward; give a later time, or /clock now for real time' };
    return { ok: true, instant };
  }
  return { ok: false, message: '/clock expects +1d, +3h, +30m, a date-time such as 2026-03-29T20:00, or now (back to real time)' };
}
