import { describeDays } from '../domain/milestones.js';
import type { LocalDate } from '../domain/local-date.js';
import { ROLE_LABEL, type Role } from '../domain/roles.js';

/** Where a person in recovery stands when they (re)choose the role: a counter that starts today, or one already running. */
export type SobrietyStanding = { startsToday: true } | { startsToday: false; since: LocalDate; days: number };

/**
 * The welcome after choosing a role, in words that fit it: each person's own work first
 * (a partner's healing is theirs, never a report on someone else), and for a supporter,
 * their part and what they will and will not see. `again`: the person had this role already.
 */
export function roleWelcome(role: Role, o: { again: boolean; sobriety?: SobrietyStanding; supporting?: boolean }): string {
  const head = o.again ? `You are still set up as ${ROLE_LABEL[role]}.` : `Thank you. You're set up as ${ROLE_LABEL[role]}.`;
  switch (role) {
    case 'recovery':
      return [head, o.again ? null : RECOVERY, sobrietyLine(o.sobriety)].filter(Boolean).join('\n');
    case 'partner':
      return [head, o.again ? null : PARTNER].filter(Boolean).join('\n');
    case 'supporter':
      return [head, o.again ? null : SUPPORTER, o.supporting ? OWN_CHECKINS : `${INVITED} ${OWN_CHECKINS}`].filter(Boolean).join('\n');
  }
}

const RECOVERY = [
  'Once a day I ask for a short check-in: whether you stayed inside your boundaries, your mood, and the healing work you did.',
  'A missed day is not a relapse, and a hard day is met with care, not shame.',
].join(' ');

const PARTNER = [
  'This space is for your own healing. Your check-ins are about you: your mood, what triggered you, how you cared for yourself, the boundaries you held, whether you feel safe. Never a report about anyone else.',
  'If you link with your partner, you decide what, if anything, you receive from them, and you can pause it any time. Nothing is sent to you that you did not ask for.',
].join('\n');

const SUPPORTER = [
  'Your part: to walk beside someone who invited you. To notice when they go quiet, answer when they reach out, and celebrate their milestones.',
  'What you will see: only what each person chooses to share with you, such as a missed check-in, an SOS or a milestone, and, if they choose, their daily status or mood.',
  'What you will not see: anything they have not chosen to share. They can change what you receive at any time, and either of you can end the link with /unlink.',
].join('\n');

const INVITED = 'Invited? Tap the link they sent you, or accept with /accept CODE.';
const OWN_CHECKINS = 'You can also keep your own check-ins here.';

/** The button that accepts an invitation code (a form where the platform has them, else the next message). */
export const ACCEPT_BUTTON_LABEL = 'I have an invitation code';

function sobrietyLine(s: SobrietyStanding | undefined): string | null {
  if (!s) return null;
  if (s.startsToday) {
    return 'Your sobriety counter starts today. If you have been sober longer, set your date with /sobriety YYYY-MM-DD. Define your circles with /circles.';
  }
  return `Your sobriety counter stands at ${describeDays(s.days)} (since ${s.since}). Change the date with /sobriety YYYY-MM-DD.`;
}

/** Asked right after someone new accepted an invitation: their own role, with the link already made. */
export const ROLE_AFTER_INVITATION = 'Now a little about you, so I ask the right questions. Which of these fits you? (Your link stays as it is, whatever you choose; you can change this later.)';
