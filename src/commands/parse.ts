import type { ZodType } from 'zod';
import type { Action, CommandSpec, OptionSpec } from './spec.js';
import { optionKind } from './spec.js';

export type ParseResult =
  | { ok: true; spec: CommandSpec; sub: string | null; action: Action; args: Record<string, unknown> }
  | { ok: false; problem: ParseProblem };

export type ParseProblem =
  | { kind: 'empty' }
  | { kind: 'not-a-command' }
  | { kind: 'unknown-command'; name: string }
  | { kind: 'unknown-subcommand'; spec: CommandSpec; given: string }
  | { kind: 'bad-option'; spec: CommandSpec; option: string; expected: string; given: string }
  | { kind: 'missing-option'; spec: CommandSpec; option: string; expected: string }
  | { kind: 'unexpected'; spec: CommandSpec; given: string };

interface Token {
  text: string;
  start: number;
}

/**
 * A typed word looked up in a table of the catalog: only the table's own entries count, so
 * `constructor`, `__proto__` or `toString` are unknown words like any other, never something
 * every object inherits.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, word: string): T | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  for (const m of s.matchAll(/\S+/g)) out.push({ text: m[0], start: m.index });
  return out;
}

/**
 * The one parser for every command's one-line form:
 * `/name [sub] [positional…] [key:value…] [key:free text to the end]`.
 * Positional values go to the first option still open whose schema accepts them, so
 * `/checkin 3` gives a partner's mood and `/checkin sober 4` a status and a mood.
 */
export function parseCommandLine(line: string, catalog: ReadonlyMap<string, CommandSpec>): ParseResult {
  const trimmed = line.trim();
  if (trimmed === '') return { ok: false, problem: { kind: 'empty' } };
  if (!trimmed.startsWith('/')) return { ok: false, problem: { kind: 'not-a-command' } };
  const head = /^\/([^\s@]*)(@\S+)?/.exec(trimmed)!;
  const name = head[1]!.toLowerCase();
  const spec = catalog.get(name);
  if (!spec) return { ok: false, problem: { kind: 'unknown-command', name: head[1]! } };

  let argText = trimmed.slice(head[0].length);
  let sub: string | null = null;
  let action = spec.action;
  if (spec.subcommands) {
    const first = /^\s*(\S+)/.exec(argText);
    const candidate = first?.[1]?.toLowerCase();
    if (candidate && ownEntry(spec.subcommands, candidate)) {
      sub = candidate;
      argText = argText.slice(first![0].length);
    } else if (spec.defaultSub) {
      sub = spec.defaultSub;
      if (candidate && !Object.values(ownEntry(spec.subcommands, sub)!.options).some((o) => o.positional)) {
        return { ok: false, problem: { kind: 'unknown-subcommand', spec, given: candidate } };
      }
    } else {
      return { ok: false, problem: { kind: 'unknown-subcommand', spec, given: (candidate ?? '') } };
    }
    action = ownEntry(spec.subcommands, sub);
  }
  if (!action) throw new Error(`command ${spec.name} has neither an action nor subcommands`);

  const args = parseOptions(argText, action.options, spec);
  if ('problem' in args) return { ok: false, problem: args.problem };
  return { ok: true, spec, sub, action, args: args.values };
}

function parseOptions(
  argText: string,
  options: Record<string, OptionSpec>,
  spec: CommandSpec,
): { values: Record<string, unknown> } | { problem: ParseProblem } {
  const raw = new Map<string, string>();
  const positional = Object.entries(options).filter(([, o]) => o.positional);
  const tokens = tokenize(argText);
  const loose: Token[] = [];

  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const named = /^([a-z]+):(.*)$/i.exec(t.text);
    const key = named?.[1]?.toLowerCase();
    const opt = key ? ownEntry(options, key) : undefined;
    if (key && opt) {
      raw.set(key, opt.rest ? argText.slice(t.start + key.length + 1).trim() : named![2]!);
      if (opt.rest) break;
      continue;
    }
    loose.push(t);
  }

  // Loose tokens fill positional options; a free-text one swallows the rest of the loose text.
  for (let i = 0; i < loose.length; i += 1) {
    const t = loose[i]!;
    const open = positional.filter(([k]) => !raw.has(k));
    const target = open.find(([, o]) => o.rest || accepts(o.schema, normalise(o, t.text))) ?? open[0];
    if (!target) return { problem: { kind: 'unexpected', spec, given: t.text } };
    const [k, o] = target;
    if (o.rest) {
      const end = firstNamedAfter(tokens, t, options);
      raw.set(k, argText.slice(t.start, end).trim());
      while (i + 1 < loose.length && loose[i + 1]!.start < end) i += 1;
    } else {
      raw.set(k, t.text);
    }
  }

  const values: Record<string, unknown> = {};
  for (const [k, o] of Object.entries(options)) {
    const given = raw.get(k);
    if (given === undefined || given === '') {
      if (o.required) return { problem: { kind: 'missing-option', spec, option: k, expected: describeExpected(o, '') } };
      continue;
    }
    const parsed = o.schema.safeParse(normalise(o, given));
    if (!parsed.success) {
      return { problem: { kind: 'bad-option', spec, option: k, expected: describeExpected(o, given), given } };
    }
    values[k] = parsed.data;
  }
  return { values };
}

function firstNamedAfter(tokens: Token[], from: Token, options: Record<string, OptionSpec>): number {
  for (const t of tokens) {
    if (t.start <= from.start) continue;
    const key = /^([a-z]+):/i.exec(t.text)?.[1]?.toLowerCase();
    if (key && ownEntry(options, key)) return t.start;
  }
  return Number.MAX_SAFE_INTEGER;
}

/** Choices are matched case-insensitively: "Sober" is sober. */
function normalise(o: OptionSpec, text: string): string {
  const kind = optionKind(o.schema);
  return kind.type === 'string' && kind.choices ? text.toLowerCase() : text;
}

function accepts(schema: ZodType, text: string): boolean {
  return schema.safeParse(text).success;
}

export function describeExpected(o: OptionSpec, given: string): string {
  return typeof o.expected === 'function' ? o.expected(given) : o.expected;
}
