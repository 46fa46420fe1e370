/**
 * The help part of a crisis reply, built in: what fits the kind of heavy moment and the
 * person's role, with the lines of the admin's countries first. It always opens with the
 * emergency number and the lines; it never tells anyone to use a command. An admin's own
 * text (CRISIS_TEXT_*) takes its place when set.
 *
 * The words vary a little from time to time (a few variants each), so a person who meets
 * this more than once does not read the same block again; the numbers never vary.
 */
import type { CrisisRegion } from '../domain/crisis-regions.js';
import type { HeavyKind } from '../domain/heavy-moment.js';
import type { Role } from '../domain/roles.js';
import { emergencyNumber, helpLines, shortHelpLine } from './crisis-lines.js';

/** How many variants each kind's words have; a person's moments rotate through them. */
export const HELP_VARIANTS = 3;

function pick<T>(options: readonly T[], variant: number): T {
  return options[variant % options.length]!;
}

function emergencyLine(kind: HeavyKind, regions: readonly CrisisRegion[], variant: number): string {
  const n = emergencyNumber(regions);
  if (kind === 'safety') return pick([`If you are in danger right now, call ${n}.`, `If you are in danger, call ${n} now.`, `If you are not safe right now, call ${n}.`], variant);
  if (kind === 'urge') return pick([`If you are in danger, or thinking about harming yourself, call ${n} now.`, `If you feel you could harm yourself, call ${n} now.`, `If you are in danger of hurting yourself, call ${n} now.`], variant);
  return pick([
    `If you might act on thoughts of ending your life or hurting yourself, call ${n} now.`,
    `If you feel you could harm yourself, call ${n} now, or go to an emergency department.`,
    `If you are in danger of hurting yourself, call ${n} now.`,
  ], variant);
}

function linesIntro(variant: number): string {
  return pick(['Help is there day and night:', 'People who can help, day and night:', 'You can talk to someone now, day or night:'], variant);
}

const NOT_A_THERAPIST = [
  "I'm a bot, not a therapist or an emergency service. The people on these lines are trained for moments like this.",
  'Steadfast is not a therapist or an emergency service; the people on these lines can be with you in a way I can’t.',
  'I can’t be a counsellor or an emergency service, but the people on these lines can, at any hour.',
] as const;

/** For a strong urge: a few things for the next minutes, and no shame if it already happened. */
const URGE_STEPS = [
  [
    'For the next few minutes:',
    '- Put distance between you and it: another room, outside, the device out of reach.',
    '- Call or text your sponsor, or someone from your group.',
    '- Breathe out slower than you breathe in. An urge rises and falls like a wave; this one will pass too.',
  ],
  [
    'Right now, one small step at a time:',
    '- Change where you are: go outside, or be where other people are.',
    '- Reach your sponsor or someone from your group, even with one line.',
    '- Ask yourself: am I hungry, angry, lonely or tired? Tend to that one thing.',
  ],
  [
    'A few things that help in a moment like this:',
    '- Leave the room, and leave the device behind.',
    '- Tell someone: your sponsor, a friend from your group.',
    '- Wait it out with slow breaths. Urges pass, even strong ones.',
  ],
] as const;

const AFTER_A_SLIP = 'If you have already slipped, you are still worth caring for, and your days in recovery still count.';

const SAFETY_PLAN = [
  'A few things that can help keep you safe:',
  '- Know where you could go at short notice: a friend, family, a shelter.',
  '- Keep your phone charged, and your ID, keys, money and medicine where you can grab them.',
  '- Agree a code word with someone you trust that means “call for help”.',
  'If someone else reads your phone, you can clear this chat. What you tell me stays private.',
] as const;

/** One line that fits the role, for thoughts of suicide or a very low moment. */
function roleLine(role: Role | null): string | null {
  switch (role) {
    case 'recovery': return 'Your sponsor, or someone from your group, would want to hear from you too.';
    case 'partner': return 'A therapist who understands betrayal trauma, or a support group, can help you carry what you are going through.';
    case 'supporter': return 'If this is about someone you support and they may be in danger, call the emergency number where they are. You don’t have to judge how serious it is first.';
    default: return null;
  }
}

/** The full help for a kind of moment, as lines. */
export function fullHelp(kind: HeavyKind, role: Role | null, regions: readonly CrisisRegion[], variant: number): string[] {
  const lines = [emergencyLine(kind, regions, variant), linesIntro(variant), ...helpLines(kind === 'safety' ? 'safety' : 'crisis', regions)];
  if (kind === 'urge') lines.push('', ...pick(URGE_STEPS, variant), AFTER_A_SLIP);
  if (kind === 'safety') lines.push('', ...SAFETY_PLAN);
  if (kind === 'self-harm') {
    const r = roleLine(role);
    if (r) lines.push('', r);
  }
  lines.push(pick(NOT_A_THERAPIST, variant));
  return lines;
}

/** The help in one line, after the full help was shown earlier the same day. */
export function shortHelp(kind: HeavyKind, regions: readonly CrisisRegion[]): string {
  return shortHelpLine(kind === 'safety' ? 'safety' : 'crisis', regions);
}
