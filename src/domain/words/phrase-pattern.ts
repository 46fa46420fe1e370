/**
 * One entry of a phrase list, and how an entry becomes a regular expression.
 *
 * A pattern is written against normalised text (see normalise.ts: no accents, lower case)
 * and matched as whole words: "killing it at work" never matches "kill". In a pattern, a
 * space matches any run of whitespace and " ?" optional whitespace ("my self", "myself").
 */
import type { Certainty, HeavyKind } from '../heavy-moment.js';

export interface PhrasePattern {
  /** What the entry is meant to catch, for the people who read and extend the list. */
  readonly example: string;
  /** A regular expression source over normalised text (see above). */
  readonly pattern: string;
}

export interface CrisisPattern extends PhrasePattern {
  readonly kind: HeavyKind;
  readonly certainty: Certainty;
}

/** The expression for a pattern: whole words only, spaces as any whitespace. */
export function compilePattern(p: PhrasePattern): RegExp {
  const body = p.pattern.replace(/ \?/g, '\\s*').replace(/ /g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'gu');
}

/**
 * A plain phrase an admin wrote (not a regular expression) as a pattern: its words
 * normalised like any text, regex characters escaped, and a `*` at the end of a word
 * standing for any ending ("zelfmoord*" also matches "zelfmoordgedachten").
 */
export function plainPhrasePattern(phrase: string, normalise: (s: string) => string): string | null {
  const words = phrase.trim().split(/\s+/).flatMap((raw) => {
    const star = raw.endsWith('*');
    const parts = normalise(star ? raw.slice(0, -1) : raw).split(/\s+/).filter((w) => w !== '' && w !== '.');
    const escaped = parts.map((w) => w.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&'));
    if (star && escaped.length > 0) escaped[escaped.length - 1] += '[\\p{L}\\p{N}]*';
    return escaped;
  });
  return words.length > 0 ? words.join(' ') : null;
}

/** An entry that brings a crisis reply. */
export function clear(kind: HeavyKind, example: string, pattern: string): CrisisPattern {
  return { kind, certainty: 'clear', example, pattern };
}

/** An entry that only brings a gentle question ("How are you, right now?"). */
export function unsure(kind: HeavyKind, example: string, pattern: string): CrisisPattern {
  return { kind, certainty: 'unsure', example, pattern };
}
