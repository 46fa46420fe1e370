import type { ParseProblem } from './parse.js';
import { quoteInput } from '../messages/format.js';

/** A kind answer for input the parser could not use: what was wrong and what was expected. */
export function describeProblem(p: ParseProblem): string {
  switch (p.kind) {
    case 'empty':
      return 'I got an empty message. Send /help to see what I can do.';
    case 'not-a-command':
      return 'I understand commands that start with a slash, like /checkin or /progress. Send /help to see them all.';
    case 'unknown-command':
      return `I don't know the command /${quoteInput(p.name).slice(1, -1)}. Send /help to see the ones I know.`;
    case 'unknown-subcommand': {
      const subs = Object.keys(p.spec.subcommands ?? {}).join(', ');
      const what = p.given ? `${quoteInput(p.given)} isn't something /${p.spec.name} can do` : `/${p.spec.name} needs one more word`;
      return `${what}. Expected one of: ${subs}. For example: ${p.spec.usage[0]}`;
    }
    case 'bad-option':
      return `I couldn't use ${quoteInput(p.given)} for ${p.option}: expected ${p.expected}. For example: ${p.spec.usage[0]}\nNothing was changed.`;
    case 'missing-option':
      return `/${p.spec.name} needs ${p.option}: ${p.expected}. For example: ${p.spec.usage[0]}`;
    case 'unexpected':
      return `I didn't understand ${quoteInput(p.given)} in /${p.spec.name}. For example: ${p.spec.usage.join('  or  ')}\nNothing was changed.`;
  }
}
