import {
  ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType,
  type APIApplicationCommandBasicOption, type APIApplicationCommandOption, type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { truncate } from './render.js';
import { optionKind, type CommandSpec, type OptionSpec, type OptionSpecs } from '../../src/index.js';

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
        options: optionsOf(a.options),
      }))
      : optionsOf(spec.action?.options ?? {}),
  }));
}

function optionsOf(options: OptionSpecs): APIApplicationCommandBasicOption[] {
  // Options a link fills (never typed) are not offered.
  const out = Object.entries(options).filter(([, o]) => !o.hidden).map(([name, o]) => optionOf(name, o));
  // Discord requires every required option before the optional ones.
  return [...out.filter((o) => o.required), ...out.filter((o) => !o.required)];
}

function optionOf(name: string, o: OptionSpec): APIApplicationCommandBasicOption {
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
  return {
    ...base, type: ApplicationCommandOptionType.String,
    ...(kind.maxLength !== undefined ? { max_length: Math.min(kind.maxLength, 6000) } : {}),
    ...(o.suggest ? { autocomplete: true } : {}),
  };
}
