/**
 * FANOS (Feelings, Affirmation, Needs, Ownership, Sobriety or struggles): the words of the
 * couple's shared check-in. Each writes privately, sees the whole before anything is shared,
 * and may hold it back; the other is told first and reads it when they choose.
 */
import type { Role } from '../domain/roles.js';

export const FANOS_STEPS = ['feelings', 'affirmation', 'needs', 'ownership', 'sobriety'] as const;
export type FanosStep = (typeof FANOS_STEPS)[number];

export const FANOS_QUESTION: Record<FanosStep, string> = {
  feelings: 'F — Feelings: what are you feeling today?',
  affirmation: 'A — Affirmation: something you appreciate about your partner.',
  needs: 'N — Needs: one thing you need this week.',
  ownership: 'O — Ownership: something you take responsibility for.',
  sobriety: 'S — Sobriety or struggles: how your own healing is going.',
};

const LETTER_NAME: Record<FanosStep, string> = {
  feelings: 'F — Feelings', affirmation: 'A — Affirmation', needs: 'N — Needs', ownership: 'O — Ownership', sobriety: 'S — Sobriety or struggles',
};

export function fanosLetter(step: FanosStep): string {
  return step[0]!.toUpperCase();
}

/** One person's answers, a line each. */
export function fanosLines(answers: Partial<Record<FanosStep, string>>): string[] {
  return FANOS_STEPS.map((s) => `${fanosLetter(s)} — ${answers[s] ?? '(not written)'}`);
}

export const fanosStart = (other: string) =>
  `A FANOS check-in, for this week. Write each answer as a message. You will see all of it before anything is shared, and ${other} sees nothing until you have both chosen to share.\n\n${FANOS_QUESTION.feelings}`;

export const FANOS_REVIEW_HEAD = 'Here is your FANOS for this week, before anything is shared:';

export const fanosReviewFoot = (other: string) =>
  `${other} sees it only once you have both shared yours, and only when they choose to open it. You can change any answer, or hold it back for now.`;

/** When an answer tells something the partner may not know yet. */
export const fanosDisclosureOffer = (steps: readonly FanosStep[], other: string) =>
  `${steps.map((s) => LETTER_NAME[s]).join(' and ')} may tell ${other} something they don't know yet. News like this usually goes best in a conversation you plan together, often with a therapist or coach there. You can hold it for that, change it, or share it anyway.`;

export const fanosHeld = (other: string, reason: 'planned' | 'professional' | null) => {
  if (reason === 'planned') return `Held for a planned conversation. Nothing goes to ${other}. When you are ready, choose a calm time together, and think about having your therapist or coach there. /fanos shows your answers again whenever you want.`;
  if (reason === 'professional') return `Held, to take to your therapist or coach first. Nothing goes to ${other}. /fanos shows your answers again whenever you want to change or share them.`;
  return `Held. Nothing goes to ${other}. /fanos shows your answers again whenever you want to change or share them.`;
};

export const fanosWaiting = (other: string) =>
  `Thank you. Yours goes to ${other} once ${other} has shared theirs; they will get a gentle heads-up first, and open it when they are ready.`;

export const fanosBothShared = (other: string) =>
  `Thank you. You have both shared. ${other} gets a gentle heads-up, and ${other}'s answers are here for you whenever you are ready.`;

/** The heads-up the other receives first (discreet on a lock screen: no content). */
export const fanosHeadsUp = (other: string) =>
  `Your shared check-in with ${other} for this week is ready.\nOpen it when you have a quiet moment; it will keep.`;

export const FANOS_LATER = 'It will keep. Whenever you are ready: /fanos open.';
export const FANOS_PAUSED = 'You have paused receiving, so your shared check-in waits until you send /receive resume.';
export const FANOS_NOTHING_TO_OPEN = 'There is no shared FANOS check-in to open yet.';
export const FANOS_ALREADY_SHARED = "This week's FANOS check-in was shared already.";

/** After reading an exchange: each pointed gently to their own support. */
export function fanosOwnSupport(role: Role | null): string {
  if (role === 'partner') return 'Whatever this stirs up, you don’t have to hold it alone: your own therapist, coach or support group is there for you too.';
  if (role === 'recovery') return 'Whatever this brings up, you don’t have to hold it alone: your sponsor, your group or your therapist is there for you too.';
  return 'Whatever this brings up, you don’t have to hold it alone: someone who supports you is worth a call.';
}
