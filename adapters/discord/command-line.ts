import { ApplicationCommandOptionType } from 'discord.js';
import type { CommandSpec, OptionSpecs } from '../../src/index.js';

/** The part of a slash command's option tree the translation needs (discord.js `options.data`). */
export interface GivenOption {
  name: string;
  type: ApplicationCommandOptionType;
  value?: string | number | boolean;
  options?: readonly GivenOption[];
}

export type CommandLine = { ok: true; line: string } | { ok: false; message: string };

/**
 * A slash command as the core's one-line form: `/checkin sober mood:4 note:…`. Every value is
 * named, and free text (a note) goes last, where the parser lets it run to the end of the line.
 */
export function commandLineOf(name: string, given: readonly GivenOption[], commands: readonly CommandSpec[]): CommandLine {
  const spec = commands.find((c) => c.name === name);
  const parts = [`/${name}`];
  let values = given;
  let options: OptionSpecs = spec?.action?.options ?? {};
  const sub = given.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (sub) {
    parts.push(sub.name);
    values = sub.options ?? [];
    options = (spec?.subcommands && Object.hasOwn(spec.subcommands, sub.name) ? spec.subcommands[sub.name]?.options : undefined) ?? {};
  }
  const named = values.filter((o) => o.value !== undefined).map((o) => ({ name: o.name, text: String(o.value).trim(), rest: Object.hasOwn(options, o.name) && options[o.name]?.rest === true }));
  for (const o of named.filter((x) => !x.rest)) {
    if (o.text === '') continue;
    if (/\s/.test(o.text)) return { ok: false, message: `“${o.name}” takes a single word, without spaces.` };
    parts.push(`${o.name}:${o.text}`);
  }
  for (const o of named.filter((x) => x.rest && x.text !== '')) parts.push(`${o.name}:${o.text}`);
  return { ok: true, line: parts.join(' ') };
}
