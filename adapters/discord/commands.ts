import {
  ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType,
  type APIApplicationCommandBasicOption, type APIApplicationCommandOption, type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import { optionKind, type CommandSpec, type OptionSpec, type OptionSpecs } from '../../src/commands/spec.js';
import { truncate } from './render.js';

/** Options whose values Discord asks us for while the person types: `command option`. */
export const AUTOCOMPLETED = new Set(['timezone zone']);

const CONTEXTS: Record<CommandSpec['where'], InteractionContextType[]> = {
  anywhere: [InteractionContextType.Guild, InteractionContextType.BotDM],
  // Not offered on servers at all; the bot still refuses one that arrives there (an old registration).
  'dm-only': [InteractionContextType.BotDM],
  'group-only': [InteractionContextType.Guild],
};

/** The slash commands to register, derived from the core's catalog: nothing is declared twice. */
export function slashCommands(commands: readonly CommandSpec[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((spec) => ({
    type: ApplicationCommandType.ChatInput,
    name: spec.name,
    description: truncate(spec.summary, 100),
    contexts: CONTEXTS[spec.where],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: spec.subcommands
      ? Object.entries(spec.subcommands).map(([sub, a]): APIApplicationCommandOption => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: sub,
        description: truncate(a.summary, 100),
        options: optionsOf(spec.name, a.options),
      }))
      : optionsOf(spec.name, spec.action?.options ?? {}),
  }));
}

function optionsOf(command: string, options: OptionSpecs): APIApplicationCommandBasicOption[] {
  const out = Object.entries(options).map(([name, o]) => optionOf(command, name, o));
  // Discord requires every required option before the optional ones.
  return [...out.filter((o) => o.required), ...out.filter((o) => !o.required)];
}

function optionOf(command: string, name: string, o: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name, description: truncate(o.description, 100), required: o.required === true };
  const kind = optionKind(o.schema);
  if (kind.type === 'integer') {
    return { ...base, type: ApplicationCommandOptionType.Integer, min_value: kind.min, max_value: kind.max };
  }
  if (kind.choices) {
    return {
      ...base, type: ApplicationCommandOptionType.String,
      choices: kind.choices.slice(0, 25).map((c) => ({ name: c, value: c })),
    };
  }
  const max = stringMax(o.schema);
  return {
    ...base, type: ApplicationCommandOptionType.String,
    ...(max !== null ? { max_length: Math.min(max, 6000) } : {}),
    ...(AUTOCOMPLETED.has(`${command} ${name}`) ? { autocomplete: true } : {}),
  };
}

/** The longest text a string schema accepts, when it says. */
function stringMax(schema: z.ZodType): number | null {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodPipe) {
    s = s instanceof z.ZodPipe ? (s.in as z.ZodType) : (s.def as unknown as { innerType: z.ZodType }).innerType;
  }
  return s instanceof z.ZodString ? s.maxLength : null;
}
