/* eslint-disable no-restricted-syntax -- this module is the one place that reads the process clock. */

/** Where the core gets "now". Rules never read the process clock themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that can be set and moved: the console's `/clock` and every test use it. */
export class SettableClock implements Clock {
  private offsetMs = 0;
  private fixed: number | null;

  /** With no start instant it follows the process clock plus whatever it was moved by. */
  constructor(start?: Date) {
    this.fixed = start ? start.getTime() : null;
  }

  now(): Date {
    const base = this.fixed ?? new Date().getTime();
    return new Date(base + this.offsetMs);
  }

  set(instant: Date): void {
    this.fixed = instant.getTime();
    this.offsetMs = 0;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
