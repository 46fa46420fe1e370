/**
 * The one list of crisis phrases: the built-in phrases in English, Spanish, German, French
 * and Portuguese, and the phrases an admin adds (CRISIS_PHRASES_FILE). Each entry names the
 * kind of heavy moment it points to and whether it is clear (a crisis reply) or unsure (a
 * gentle question).
 *
 * The admin's file holds one phrase a line, "kind: phrase"; a "?" after the kind makes it
 * a gentle question only. Blank lines and lines starting with # are skipped:
 *
 *     self-harm: ik wil dood
 *     self-harm: zelfmoord*
 *     safety: hij slaat me
 *     self-harm?: ik kan niet meer
 *
 * Phrases are plain words, matched like the built-in ones (case, accents and punctuation do
 * not matter, whole words only); a "*" at the end of a word stands for any ending.
 */
import { HEAVY_KINDS, isHeavyKind } from '../heavy-moment.js';
import { ENGLISH } from './crisis-en.js';
import { SPANISH } from './crisis-es.js';
import { GERMAN } from './crisis-de.js';
import { FRENCH } from './crisis-fr.js';
import { PORTUGUESE } from './crisis-pt.js';
import { normaliseText } from './normalise.js';
import { plainPhrasePattern, type CrisisPattern } from './phrase-pattern.js';

export const BUILT_IN_CRISIS_PHRASES: readonly CrisisPattern[] = Object.freeze([...ENGLISH, ...SPANISH, ...GERMAN, ...FRENCH, ...PORTUGUESE]);

/** The admin's extra phrases, or the first line that does not fit, with what was expected. */
export function parseCrisisPhrases(text: string): { phrases: CrisisPattern[] } | { line: number; problem: string } {
  const phrases: CrisisPattern[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-z-]+)(\?)?\s*:\s*(.+)$/i.exec(line);
    const kind = m?.[1]?.toLowerCase();
    if (!m || !kind || !isHeavyKind(kind)) {
      return { line: i + 1, problem: `expected "kind: phrase", where kind is ${HEAVY_KINDS.join(', ')} (add ? for a gentle question only)` };
    }
    const pattern = plainPhrasePattern(m[3]!, normaliseText);
    if (!pattern) return { line: i + 1, problem: 'expected a phrase after the colon' };
    phrases.push({ kind, certainty: m[2] ? 'unsure' : 'clear', example: m[3]!.trim(), pattern });
  }
  return { phrases };
}
