/**
 * The words for each milestone: every sobriety milestone and every check-in streak length has
 * its own, so a person who reaches 1, 3, 7, 14 and 30 days hears five different things. A
 * counter that started again after a relapse hears, for its first days, words for starting
 * over. Written by the project, like the encouragement library: warm, concrete, no shame.
 *
 * A headline is a count only ("30 days today."): it is the second line of a message the bot
 * starts, which a lock screen shows. The body may say what the days are about.
 */
import { describeDays } from '../domain/milestones.js';

export interface CelebrationWords {
  headline: string;
  body: string;
}

const SOBRIETY: Record<number, string> = {
  1: 'One day of sobriety. The first day is often the hardest one, and you did it.',
  3: 'Three days of sobriety. The first stretch is when urges shout loudest, and you held on.',
  7: 'A full week of sobriety. Seven days of choices, one at a time: notice what helped, and keep it close.',
  14: 'Two weeks of sobriety. New habits are starting to take root.',
  30: 'A month of sobriety. Thirty days of showing up for yourself: take a moment to be proud of it.',
  60: 'Two months of sobriety. What once took all your strength is becoming part of how you live.',
  90: 'Ninety days of sobriety, a milestone many in recovery hold dear. Celebrate it with the people who walked beside you.',
  180: 'Half a year of sobriety. Look back at where you were six months ago, and thank yourself.',
  270: 'Nine months of sobriety. Steady, patient work, and it shows.',
  365: 'A year of sobriety: every season of a year lived inside your boundaries. This one deserves a real celebration.',
};

/** After a relapse, the first milestones honour the courage of starting again. */
const STARTING_AGAIN: Record<number, string> = {
  1: 'One day again. Starting over takes more courage than starting; you have done it before, and you are doing it now.',
  3: 'Three days again. Each day you string together rebuilds trust in yourself.',
  7: 'A week again. You came back, and you kept going: that is what recovery looks like.',
};

const STREAK: Record<number, string> = {
  7: 'A week of check-ins in a row. Showing up every day is a skill, and you are building it.',
  30: 'Thirty check-ins in a row: a month of honest daily attention to your own life.',
  100: 'A hundred check-ins in a row. Few habits last this long; this one is yours.',
  365: 'A whole year of daily check-ins. That is remarkable steadiness.',
};

export function sobrietyCelebration(days: number, startedAgain: boolean): CelebrationWords {
  const years = days % 365 === 0 ? days / 365 : 0;
  const body = (startedAgain ? STARTING_AGAIN[days] : undefined) ?? SOBRIETY[days]
    ?? (years > 1 ? `${years} years of sobriety. A life rebuilt one day at a time, for ${years} years now.` : `${describeDays(days)} of sobriety. Take a moment to be proud of it.`);
  return { headline: `${describeDays(days)} today.`, body };
}

export function streakCelebration(days: number): CelebrationWords {
  return { headline: `${days} check-ins in a row.`, body: STREAK[days] ?? `${days} check-ins in a row. Showing up, day after day, is what recovery is made of.` };
}
