/**
 * Reads crisis words in what a person wrote: which kind of heavy moment they point to, and
 * how sure the reading is. Clear words bring a crisis reply; unsure ones only a gentle
 * question, never anything to supporters.
 *
 * Said in the negative or as a hedge, a clear phrase becomes unsure: "I would never kill
 * myself", "I'm not suicidal", "I could kill myself for forgetting" — still worth a gentle
 * question, not an alarm. Phrases that are negative in themselves ("I don't want to live")
 * carry their negation inside the pattern, so it is not read twice.
 */
import type { Certainty, HeavyKind } from '../heavy-moment.js';
import { normaliseText } from './normalise.js';
import { compilePattern, type CrisisPattern } from './phrase-pattern.js';

export interface CrisisReading {
  kind: HeavyKind;
  certainty: Certainty;
}

export type CrisisDetector = (text: string) => CrisisReading | null;

/** Words that, among the three words before a phrase, turn its meaning around or soften it. */
const TURNING_WORDS = new Set([
  // English
  'not', 'no', 'never', "don't", 'dont', "didn't", 'didnt', "won't", 'wont', "wouldn't", 'wouldnt', "isn't", "aren't", 'nor', 'could',
  // Spanish, Portuguese
  'nunca', 'jamas', 'nao', 'nem',
  // German
  'nicht', 'nie', 'niemals', 'kein', 'keine', 'keinen',
  // French
  'ne', 'pas', 'jamais',
]);

function turnedAround(before: string): boolean {
  const words = before.split(/\s+/).filter(Boolean);
  // Only within the clause: a full stop between ends the look back.
  const clause = words.slice(words.lastIndexOf('.') + 1).slice(-3);
  return clause.some((w) => TURNING_WORDS.has(w) || /^n'/.test(w));
}

/** Which reading wins when several phrases match: clear over unsure, then self-harm, safety, urge. */
const KIND_ORDER: readonly HeavyKind[] = ['self-harm', 'safety', 'urge'];

function stronger(a: CrisisReading, b: CrisisReading): CrisisReading {
  if (a.certainty !== b.certainty) return a.certainty === 'clear' ? a : b;
  return KIND_ORDER.indexOf(a.kind) <= KIND_ORDER.indexOf(b.kind) ? a : b;
}

/** A detector over a list of patterns (the built-in list and an admin's own). */
export function crisisDetector(patterns: readonly CrisisPattern[]): CrisisDetector {
  const compiled = patterns.map((p) => ({ p, re: compilePattern(p) }));
  return (text) => {
    if (typeof text !== 'string' || text.trim() === '') return null;
    const normalised = normaliseText(text);
    let best: CrisisReading | null = null;
    for (const { p, re } of compiled) {
      for (const m of normalised.matchAll(re)) {
        const certainty: Certainty = p.certainty === 'clear' && !turnedAround(normalised.slice(0, m.index)) ? 'clear' : 'unsure';
        const reading = { kind: p.kind, certainty };
        best = best ? stronger(best, reading) : reading;
        if (best.certainty === 'clear' && best.kind === 'self-harm') return best;
      }
    }
    return best;
  };
}
