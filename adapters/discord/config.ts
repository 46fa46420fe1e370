import { z } from 'zod';
import { ConfigError } from '../../src/index.js';

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** REST base such as http://proxy:8080/api; discord.js also discovers the gateway through it. */
  apiUrl: string | null;
  /** Registers commands to this one server (development) instead of globally. */
  guildId: string | null;
}

const snowflake = (what: string) => z.string().trim().regex(/^\d{15,21}$/, `expected ${what} (a number of 15 to 21 digits)`);

const schema = z.object({
  DISCORD_TOKEN: z.string().trim().min(1, 'expected the bot token from the Discord developer portal (Bot → Reset Token)')
    .refine((v) => !/\s/.test(v), 'expected the bot token without spaces (leave out the word Bot)'),
  DISCORD_APPLICATION_ID: snowflake('the application id from the developer portal (General Information)'),
  DISCORD_API_URL: z.string().trim().optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\/[^\s/]+(\/\S*)?$/.test(v), 'expected an http(s) URL of a REST base, such as http://127.0.0.1:8080/api')
    .transform((v) => (v ? v.replace(/\/+$/, '') : null)),
  DISCORD_GUILD_ID: z.string().trim().optional()
    .refine((v) => v === undefined || v === '' || /^\d{15,21}$/.test(v), 'expected a server id (a number of 15 to 21 digits)')
    .transform((v) => v || null),
});

/** Every variable the Discord adapter reads. */
export const DISCORD_VARIABLES = Object.keys(schema.shape);

/**
 * Reads the Discord settings. Null when Discord is not configured at all (neither token nor
 * application id); otherwise a ConfigError with one line naming the variable that is wrong.
 */
export function loadDiscordConfig(env: NodeJS.ProcessEnv = process.env): DiscordConfig | null {
  if (!env.DISCORD_TOKEN?.trim() && !env.DISCORD_APPLICATION_ID?.trim()) return null;
  const parsed = schema.safeParse({
    DISCORD_TOKEN: env.DISCORD_TOKEN ?? '',
    DISCORD_APPLICATION_ID: env.DISCORD_APPLICATION_ID ?? '',
    DISCORD_API_URL: env.DISCORD_API_URL,
    DISCORD_GUILD_ID: env.DISCORD_GUILD_ID,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0])}: ${issue.message}`);
  }
  const c = parsed.data;
  return { token: c.DISCORD_TOKEN, applicationId: c.DISCORD_APPLICATION_ID, apiUrl: c.DISCORD_API_URL, guildId: c.DISCORD_GUILD_ID };
}

/** discord.js / @discordjs/rest options for the configured base URL (the default when none is set). */
export function restOptions(config: DiscordConfig): { api?: string } {
  return config.apiUrl ? { api: config.apiUrl } : {};
}
