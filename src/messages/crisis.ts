/**
 * Crisis support: the resources shown after a very low mood, a crisis word in a
 * note, or /sos, and the detector for crisis words.
 *
 * The texts are configurable (CrisisTexts); the defaults below are safe anywhere:
 * they say to call the local emergency number now, name a few widely known lines,
 * point to /sos, and say plainly that the bot is not a therapist or an emergency
 * service. Plain text only, so any platform can show them as they are.
 */
import type { Role } from '../domain/roles.js';

export interface CrisisTexts {
  generic: string;
  recovery: string;
  partner: string;
  supporter: string;
}

const EMERGENCY =
  'If you are in danger or thinking about harming yourself, call your local emergency number now ' +
  '(for example 112 in Europe, 911 in the US and Canada, 000 in Australia).';

const LINES =
  'Free, confidential lines: in the US, call or text 988 (the 988 Suicide and Crisis Lifeline); ' +
  'in the UK and Ireland, call Samaritans on 116 123; in other countries, findahelpline.com lists lines near you.';

const NOT_A_THERAPIST =
  'Steadfast is not a therapist or an emergency service. The people and lines above can help in ways a bot cannot.';

export const DEFAULT_CRISIS_TEXTS: CrisisTexts = Object.freeze({
  generic: [
    'You matter, and you don’t have to get through this alone.',
    EMERGENCY,
    LINES,
    'Reach out to someone you trust today. If you have supporters linked here, /sos alerts them all at once.',
    NOT_A_THERAPIST,
  ].join('\n'),

  recovery: [
    'You reached out, and that takes courage.',
    EMERGENCY,
    'If an urge is strong right now:',
    '- Leave the situation: change rooms, go outside, put the device away.',
    '- Call or text your sponsor or accountability partner now, or use /sos to reach your supporters at once.',
    '- Do a HALT check: are you hungry, angry, lonely or tired? Eat, rest, or talk to someone.',
    '- Get to a meeting today, in person or online.',
    'If you have relapsed, you are still worth caring for, and the days you lived in recovery still count. The next right step is enough.',
    LINES,
    NOT_A_THERAPIST,
  ].join('\n'),

  partner: [
    'What you are feeling makes sense, and you did nothing to cause this.',
    EMERGENCY,
    '- Your safety comes first. If you don’t feel safe where you are, go somewhere safe and call someone you trust.',
    '- Steady your body: breathe out slower than you breathe in, and feel your feet on the floor.',
    '- A therapist who understands betrayal trauma, or a betrayal-trauma support group, can walk with you through this.',
    '- Reach out to a friend or supporter today; /sos alerts your supporters at once.',
    LINES,
    NOT_A_THERAPIST,
  ].join('\n'),

  supporter: [
    'Supporting someone through a crisis is heavy, and you don’t have to carry it alone.',
    'If you, or someone you support, may be in danger or thinking about self-harm, call the local emergency number now ' +
      '(for example 112 in Europe, 911 in the US and Canada, 000 in Australia); if you are far apart, use the number where they are. ' +
      'You don’t have to judge how serious it is first.',
    '- Stay calm and listen; you don’t need perfect words. Don’t promise to keep a safety risk secret.',
    '- Help them reach their own support: a crisis line, their sponsor, their therapist or group.',
    '- Share the load with your own sponsor, coach or group, and look after yourself afterwards.',
    '- If this is about you, the lines below are for you too, and /sos reaches your own supporters.',
    LINES,
    NOT_A_THERAPIST,
  ].join('\n'),
});

/**
 * The crisis text that fits the role (null: no role chosen yet → generic).
 * A blank configured text falls back to the configured generic one, and a blank
 * generic to the safe default, so the person always gets something.
 */
export function crisisResources(role: Role | null, texts: CrisisTexts): string {
  const specific = role === null ? '' : texts[role];
  if (typeof specific === 'string' && specific.trim() !== '') return specific;
  if (typeof texts.generic === 'string' && texts.generic.trim() !== '') return texts.generic;
  return DEFAULT_CRISIS_TEXTS.generic;
}

export interface CrisisPattern {
  /** What the pattern is meant to catch, for people reading the list. */
  readonly example: string;
  /**
   * A regular expression source, matched against the normalised note as whole
   * words. A space matches any run of whitespace; " ?" matches optional whitespace.
   */
  readonly pattern: string;
}

/**
 * Phrases in a free-text note that suggest self-harm or suicidal intent (English).
 *
 * How a note is matched:
 * - Normalised first: Unicode NFKD with accents removed (so full-width letters and
 *   "suïcide" match), lower case, curly apostrophes and Unicode dashes made plain,
 *   invisible characters (zero-width, soft hyphen) removed.
 * - Whole words only: "killing it at work", "diet" or "skill myself up" never match.
 * - A space in a pattern matches any whitespace, including line breaks and
 *   non-breaking spaces; " ?" matches optional whitespace ("my self", "myself").
 * - It errs on the side of caution: "I'm not suicidal" matches too. A match only
 *   adds a kind offer of crisis resources to the reply; it shares nothing.
 *
 * Admins: this list is the whole detector. Add phrases here, with a test.
 */
export const CRISIS_PATTERNS: readonly CrisisPattern[] = Object.freeze([
  { example: 'suicide, suicidal', pattern: 'suicid(?:e|es|al|ality|ally)' },
  { example: 'kill myself', pattern: 'kill(?:ing)? my ?self' },
  { example: 'end it all', pattern: '(?:end|ending) it all' },
  { example: 'end my life, take my own life', pattern: '(?:end|ending|take|taking) my (?:own )?life' },
  { example: 'end myself, unalive myself', pattern: '(?:(?:end|ending) my ?self|unalive(?:d|ing)?(?: my ?self)?)' },
  { example: 'want to die, wanna die', pattern: "(?:want|wanna|wanted|wanting|wish|i'd like) (?:to )?(?:just )?die" },
  { example: 'wish I was dead, better off dead', pattern: '(?:wish i (?:was|were|could be) dead|wish i could die|better off (?:dead|without me))' },
  { example: 'self-harm, self injury', pattern: 'self[\\s-]*(?:harm(?:s|ed|ing)?|injur(?:y|ies|e|ing))' },
  { example: 'hurt myself, harm myself', pattern: '(?:hurt|hurting|harm|harming) my ?self' },
  { example: 'cut myself (not "cut myself a slice")', pattern: '(?:cut|cutting) my ?self(?! (?:a|an|some|off|short|free|loose|out)(?![\\p{L}\\p{N}]))' },
  { example: 'hang myself, shoot myself', pattern: '(?:hang|hanging|shoot|shooting|drown|drowning) my ?self' },
  { example: 'no reason to live, nothing to live for', pattern: '(?:no (?:reason|point) (?:to live|in living|living)|nothing (?:left )?to live for|not worth living)' },
  {
    example: "don't want to live / be alive / wake up",
    pattern:
      "(?:don'?t|do not|no longer|not) want to (?:live(?! (?:in|with|at|near|there|here|like|on|under|together|abroad|alone|next|by)(?![\\p{L}\\p{N}]))|be alive|be here any ?more|wake up|exist)",
  },
  {
    example: "can't go on (not \"can't go on the trip\")",
    pattern:
      "can(?:'?t|not| not) go on(?! (?:the|a|an|my|our|his|her|their|your|that|to|with|at|in|vacation|holiday|holidays|trip|tour|stage|air|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)(?![\\p{L}\\p{N}]))",
  },
  { example: 'overdose, take all my pills', pattern: "(?:overdos(?:e|ed|es|ing)|(?:take|taking|swallow|swallowing) all (?:of )?(?:my|the) (?:pills|meds|tablets))" },
]);

const COMPILED: readonly RegExp[] = CRISIS_PATTERNS.map(
  (p) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${p.pattern.replace(/ \?/g, '\\s*').replace(/ /g, '\\s+')})(?![\\p{L}\\p{N}])`, 'u'),
);

/** Lower case, accents off, plain apostrophes and dashes, invisible characters gone. */
export function normaliseForCrisis(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2018\u2019\u201B\u02BC\u2032\u00B4`\uFF07]/g, "'")
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-');
}

/** True when a free-text note contains a crisis phrase from CRISIS_PATTERNS. */
export function mentionsCrisis(text: string): boolean {
  if (typeof text !== 'string' || text.trim() === '') return false;
  const normalised = normaliseForCrisis(text);
  return COMPILED.some((re) => re.test(normalised));
}
