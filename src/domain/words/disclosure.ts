/**
 * Whether a FANOS answer looks like a disclosure: news the partner may not have heard yet
 * (a relapse, something hidden, something new). Such news is usually best told in a
 * planned conversation, often with a therapist or coach, so the writer is offered to hold
 * it. A miss only means the usual review; a false alarm only means one more offer.
 */
import { normaliseText } from './normalise.js';
import { compilePattern, type PhrasePattern } from './phrase-pattern.js';

export const DISCLOSURE_PHRASES: readonly PhrasePattern[] = Object.freeze([
  { example: 'I relapsed, I slipped, I acted out', pattern: "relaps(?:ed|e)|i (?:slipped|acted out|have acted out|'ve acted out)" },
  { example: "I didn't tell you, I haven't told you yet", pattern: "(?:did not|didn'?t|have not|haven'?t|never|not) (?:yet )?(?:tell|told) you" },
  { example: 'I lied to you, I have been hiding', pattern: "(?:i )?(?:lied|have been lying|'ve been lying|was lying) (?:to you|about)|(?:hid|hidden|been hiding|kept) (?:it |this |something )?from you" },
  { example: 'something I need to tell you', pattern: 'something (?:i need|i have|i want|i must) to tell you' },
  { example: 'I cheated, an affair, I saw someone', pattern: 'i cheated|an affair|i (?:saw|met|was with|contacted|messaged|texted) (?:someone|her|him|them) again' },
  // Spanish, German, French, Portuguese: a relapse, or something not told.
  { example: 'recaí, no te he dicho, te mentí', pattern: 'recai(?:da)?|recaido|no te (?:he|habia) dicho|te menti' },
  { example: 'Rückfall, ich habe dir nicht gesagt', pattern: 'ruckfall\\p{L}*|dir (?:noch )?nicht gesagt|dich belogen' },
  { example: "j'ai rechuté, je ne t'ai pas dit, je t'ai menti", pattern: "rechute|ne t'?ai (?:pas|jamais) dit|je t'?ai menti" },
  { example: 'tive uma recaída, não te contei, menti', pattern: 'recaida|nao te contei|(?:te )?menti para (?:voce|ti)' },
]);

const COMPILED = DISCLOSURE_PHRASES.map(compilePattern);

export function looksLikeDisclosure(text: string): boolean {
  const normalised = normaliseText(text);
  return COMPILED.some((re) => {
    re.lastIndex = 0;
    return re.test(normalised);
  });
}
