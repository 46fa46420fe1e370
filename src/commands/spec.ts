import { z } from 'zod';
import type { Reply } from '../ports/reply.js';
import type { CommandContext } from '../services/context.js';

/**
 * One option of a command. The schema turns the typed text into a value; adapters read
 * the same schema to build Discord options and choices, so nothing is written twice.
 */
export interface OptionSpec<S extends z.ZodType = z.ZodType> {
  description: string;
  schema: S;
  /** Said to the person when their value does not fit, e.g. "a number from 1 to 5"; may look at what was typed. */
  expected: string | ((given: string) => string);
  /** May be given without `name:` (`/timezone Europe/Berlin`). */
  positional?: boolean;
  /** Free text that takes the rest of the line (a note, a goal). */
  rest?: boolean;
  required?: boolean;
  /** Interface hint: filled by a link rather than typed (a start link's parameter), so menus leave it out. */
  hidden?: boolean;
  /** Interface hint: values to offer while the person types (Discord autocomplete). */
  suggest?: (typed: string) => readonly string[];
}

export type OptionSpecs = Record<string, OptionSpec>;

export type ArgsOf<O extends OptionSpecs> = {
  [K in keyof O]: O[K]['required'] extends true ? z.output<O[K]['schema']> : z.output<O[K]['schema']> | undefined;
};

/**
 * Interface hint: a question that asks for typed text. Where a platform reads no typed
 * messages (Discord), this command line opens a form, and the form's text fills `fills`.
 */
export interface FormSpec {
  /** The form opens for exactly these options and no others (`{ step: 'note' }`; `{}`: the bare command). */
  opensWith: Readonly<Record<string, string>>;
  /** The option the typed text fills. */
  fills: string;
  title: string;
  label: string;
  placeholder: string;
  /** Several lines rather than one. */
  long?: boolean;
}

/** A leaf that does something: a command without subcommands, or one subcommand. */
export interface Action<O extends OptionSpecs = OptionSpecs> {
  summary: string;
  options: O;
  /** Interface hints: questions this action asks for typed text. */
  forms?: readonly FormSpec[];
  /** Interface hint: in a group, only someone who may manage the group can use it (the core asks the platform). */
  needsGroupAdmin?: boolean;
  run(ctx: CommandContext, args: ArgsOf<O>): Promise<Reply | Reply[]>;
}

/** Where a command may be used; `private` replies carry personal data and never show in a group. */
export type Where = 'anywhere' | 'dm-only' | 'group-only';

export interface CommandSpec {
  name: string;
  summary: string;
  /** One-line forms shown in help and in error messages. */
  usage: readonly string[];
  where: Where;
  /** Interface hint: its answers carry personal data; false means they are answered publicly in groups. */
  private: boolean;
  /** Interface hint: a press on one of its buttons changes the pressed message in place (a form filled over several taps). */
  editsInPlace?: boolean;
  /** Works before the person chose a role (onboarding, help, data rights). */
  beforeRole?: boolean;
  /**
   * Its handler notices heavy moments in what it is given (crisis words, a mood of 1), so the
   * check of typed text for crisis words leaves it alone (check-in, /sos, FANOS).
   */
  readsHeavyMoments?: boolean;
  action?: Action;
  subcommands?: Record<string, Action>;
  /** The subcommand used when none is typed, e.g. `/circles` lists them. */
  defaultSub?: string;
}

/** Keeps each action's argument types while storing it in the catalog's uniform shape. */
export function action<O extends OptionSpecs>(a: Action<O>): Action {
  return a as unknown as Action;
}

/** What a schema accepts, as Discord and the parser need to know it. */
export type OptionKind =
  | { type: 'string'; choices?: readonly string[]; maxLength?: number }
  | { type: 'integer'; min?: number; max?: number };

export function optionKind(schema: z.ZodType): OptionKind {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodPipe) {
    s = s instanceof z.ZodPipe ? (s.in as z.ZodType) : (s.def as unknown as { innerType: z.ZodType }).innerType;
  }
  if (s instanceof z.ZodEnum) return { type: 'string', choices: s.options as string[] };
  if (s instanceof z.ZodNumber) {
    return { type: 'integer', min: s.minValue ?? undefined, max: s.maxValue ?? undefined };
  }
  if (s instanceof z.ZodString && s.maxLength !== null) return { type: 'string', maxLength: s.maxLength };
  return { type: 'string' };
}
