import { z } from 'zod';

/**
 * A string option read by one of our own parsers (a date, a time, a zone): the parser's
 * null becomes a validation failure, which the catalog turns into a kind "expected …".
 */
export function parsedBy<T>(parse: (text: string) => T | null) {
  return z.string().trim().transform((s, ctx) => {
    const v = parse(s);
    if (v === null) {
      ctx.addIssue({ code: 'custom', message: 'invalid' });
      return z.NEVER;
    }
    return v;
  });
}

/** The same, also accepting the word `off`. */
export function parsedOrOff<T>(parse: (text: string) => T | null) {
  return parsedBy<T | 'off'>((s) => (s.toLowerCase() === 'off' ? 'off' : parse(s)));
}

/** "Which link": a number from /links or the other person's name. */
export const linkRefOption = {
  description: 'Number or name from /links',
  schema: z.string().trim().min(1).max(64),
  expected: 'a number or name from /links',
  positional: true,
  required: true,
} as const;
