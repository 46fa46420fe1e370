import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CRISIS_REGIONS, parseCrisisRegion, type CrisisRegion } from './domain/crisis-regions.js';
import { parseCrisisPhrases } from './domain/words/crisis-list.js';
import type { CrisisPattern } from './domain/words/phrase-pattern.js';
import { isTimeZone, type TimeZone } from './domain/local-date.js';
import { parseTimeOfDay, type TimeOfDay } from './domain/time-of-day.js';

/** Where data lives: a SQLite file (default), an in-memory SQLite (tests) or PostgreSQL. */
export type StorageTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'sqlite-memory' }
  | { kind: 'postgres'; url: string };

/** The data folder when DATA_DIR is not set. */
export const DEFAULT_DATA_DIR = './data';

/** The target a DATABASE_URL names; unset, a SQLite file in the data folder. Null when it names nothing we can open. */
export function parseDatabaseUrl(url: string | undefined, dataDir = DEFAULT_DATA_DIR): StorageTarget | null {
  if (url === undefined || url.trim() === '') return { kind: 'sqlite', file: join(dataDir, 'steadfast.db') };
  if (url === 'sqlite::memory:') return { kind: 'sqlite-memory' };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    return file.length > 0 ? { kind: 'sqlite', file } : null;
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  return null;
}

const optionalText = z.string().trim().min(1).optional();

function timeOfDay(fallback: string) {
  return z.string().default(fallback).transform((v, ctx) => {
    const t = parseTimeOfDay(v);
    if (!t) {
      ctx.addIssue({ code: 'custom', message: 'expected a time of day such as 20:00' });
      return z.NEVER;
    }
    return t as TimeOfDay;
  });
}

function minutes(fallback: number, min: number, max: number) {
  return z.coerce.number({ message: `expected a whole number of minutes from ${min} to ${max}` })
    .int(`expected a whole number of minutes from ${min} to ${max}`)
    .min(min, `expected a whole number of minutes from ${min} to ${max}`)
    .max(max, `expected a whole number of minutes from ${min} to ${max}`)
    .default(fallback);
}

/** Each variable with what it expects; the message is shown verbatim when a value is wrong. */
const schema = z.object({
  DATABASE_URL: z.string().optional().refine(
    (v) => parseDatabaseUrl(v) !== null,
    'expected sqlite:PATH, sqlite::memory: or postgres://USER@HOST/DB',
  ),
  DEFAULT_TIMEZONE: z.string().default('UTC').refine(isTimeZone, 'expected an IANA time zone such as Europe/Berlin')
    .transform((v) => v as TimeZone),
  DEFAULT_PROMPT_TIME: timeOfDay('20:00'),
  STEADFAST_DATA_KEY: optionalText.refine(
    (v) => v === undefined || Buffer.from(v, 'base64').length === 32,
    'expected 32 random bytes in base64 (make one with: openssl rand -base64 32)',
  ),
  STEADFAST_DATA_KEY_PREVIOUS: optionalText.refine(
    (v) => v === undefined || v.split(',').every((k) => Buffer.from(k.trim(), 'base64').length === 32),
    'expected earlier data keys, each 32 bytes in base64, separated by commas',
  ),
  DATA_DIR: z.string().trim().min(1).default(DEFAULT_DATA_DIR),
  REMINDER_AFTER_MINUTES: minutes(120, 1, 22 * 60),
  GRACE_HOURS: z.coerce.number({ message: 'expected a number of hours from 1 to 23' }).int().min(1).max(23).default(12),
  PROMPT_STALE_MINUTES: minutes(180, 5, 23 * 60),
  ESCALATE_AFTER_MISSES: z.coerce.number({ message: 'expected a whole number of days from 1 to 30' }).int().min(1).max(30).default(3),
  WEEKLY_SUMMARY_TIME: timeOfDay('18:00'),
  MESSAGE_RETENTION_DAYS: z.coerce.number({ message: 'expected a whole number of days from 1 to 365' }).int('expected a whole number of days from 1 to 365')
    .min(1, 'expected a whole number of days from 1 to 365').max(365, 'expected a whole number of days from 1 to 365').default(7),
  MESSAGE_HISTORY_DAYS: z.coerce.number({ message: 'expected a whole number of days from 1 to 3650' }).int('expected a whole number of days from 1 to 3650')
    .min(1, 'expected a whole number of days from 1 to 3650').max(3650, 'expected a whole number of days from 1 to 3650').default(30),
  HEALTH_PORT: z.coerce.number({ message: 'expected a port number from 1 to 65535' }).int().min(1).max(65535).optional(),
  HEALTH_HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CRISIS_TEXT: optionalText,
  CRISIS_TEXT_RECOVERY: optionalText,
  CRISIS_TEXT_PARTNER: optionalText,
  CRISIS_TEXT_SUPPORTER: optionalText,
  CRISIS_TEXT_SELF_HARM: optionalText,
  CRISIS_TEXT_URGE: optionalText,
  CRISIS_TEXT_SAFETY: optionalText,
  CRISIS_REGION: z.string().optional().transform((v, ctx) => {
    const codes = (v ?? '').split(',').map((c) => c.trim()).filter(Boolean);
    const regions: CrisisRegion[] = [];
    for (const code of codes) {
      const region = parseCrisisRegion(code);
      if (!region) {
        ctx.addIssue({ code: 'custom', message: `expected country codes from ${CRISIS_REGIONS.join(', ')}, separated by commas (unset: the international list)` });
        return z.NEVER;
      }
      if (!regions.includes(region)) regions.push(region);
    }
    return regions;
  }),
  CRISIS_PHRASES_FILE: optionalText,
});

/** Every variable loadConfig reads; .env.example and the README list exactly these (and the adapters' own). */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export type Config = {
  storage: StorageTarget;
  defaultTimezone: TimeZone;
  defaultPromptTime: TimeOfDay;
  dataKey: Buffer | null;
  /** Earlier keys, still accepted for reading while `npm run rekey` moves text to the current key. */
  previousDataKeys: Buffer[];
  dataDir: string;
  schedule: {
    reminderAfterMinutes: number;
    graceHours: number;
    promptStaleMinutes: number;
    escalateAfterMisses: number;
    weeklySummaryTime: TimeOfDay;
  };
  /** How long undelivered messages keep their text, and how long finished messages' rows are kept. */
  retention: { undeliveredDays: number; rowDays: number };
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** `/healthz` is served only when a port is set. */
  health: { port: number; host: string } | null;
  /** An admin's own crisis help: by role (as before), and by kind of heavy moment. */
  crisisText: {
    generic?: string; recovery?: string; partner?: string; supporter?: string;
    selfHarm?: string; urge?: string; safety?: string;
  };
  /** Countries whose crisis lines come first; empty: the international list. */
  crisisRegions: CrisisRegion[];
  /** The admin's own crisis phrases (CRISIS_PHRASES_FILE), added to the built-in list. */
  crisisPhrases: CrisisPattern[];
};

export class ConfigError extends Error {}

/** Reads the environment once. Throws a ConfigError with one line naming the variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`${name}: ${issue.message}`);
  }
  const c = parsed.data;
  if (c.MESSAGE_HISTORY_DAYS < c.MESSAGE_RETENTION_DAYS) {
    throw new ConfigError(`MESSAGE_HISTORY_DAYS: expected at least MESSAGE_RETENTION_DAYS (${c.MESSAGE_RETENTION_DAYS}): a row cannot go before its text`);
  }
  // Escaped newlines let a multi-line crisis text live on one line of .env.
  const unescape = (s: string | undefined) => s?.replace(/\\n/g, '\n');
  return {
    // Unset, the SQLite file lives in the data folder, with everything else the bot keeps there.
    storage: parseDatabaseUrl(c.DATABASE_URL, c.DATA_DIR)!,
    defaultTimezone: c.DEFAULT_TIMEZONE,
    defaultPromptTime: c.DEFAULT_PROMPT_TIME,
    dataKey: c.STEADFAST_DATA_KEY ? Buffer.from(c.STEADFAST_DATA_KEY, 'base64') : null,
    previousDataKeys: c.STEADFAST_DATA_KEY_PREVIOUS ? c.STEADFAST_DATA_KEY_PREVIOUS.split(',').map((k) => Buffer.from(k.trim(), 'base64')) : [],
    dataDir: c.DATA_DIR,
    schedule: {
      reminderAfterMinutes: c.REMINDER_AFTER_MINUTES,
      graceHours: c.GRACE_HOURS,
      promptStaleMinutes: c.PROMPT_STALE_MINUTES,
      escalateAfterMisses: c.ESCALATE_AFTER_MISSES,
      weeklySummaryTime: c.WEEKLY_SUMMARY_TIME,
    },
    retention: { undeliveredDays: c.MESSAGE_RETENTION_DAYS, rowDays: c.MESSAGE_HISTORY_DAYS },
    logLevel: c.LOG_LEVEL,
    health: c.HEALTH_PORT ? { port: c.HEALTH_PORT, host: c.HEALTH_HOST } : null,
    crisisText: {
      generic: unescape(c.CRISIS_TEXT),
      recovery: unescape(c.CRISIS_TEXT_RECOVERY),
      partner: unescape(c.CRISIS_TEXT_PARTNER),
      supporter: unescape(c.CRISIS_TEXT_SUPPORTER),
      selfHarm: unescape(c.CRISIS_TEXT_SELF_HARM),
      urge: unescape(c.CRISIS_TEXT_URGE),
      safety: unescape(c.CRISIS_TEXT_SAFETY),
    },
    crisisRegions: c.CRISIS_REGION,
    crisisPhrases: c.CRISIS_PHRASES_FILE ? readCrisisPhrases(c.CRISIS_PHRASES_FILE) : [],
  };
}

/** The admin's phrase file, read once at start; a line that does not fit stops the start, naming it. */
function readCrisisPhrases(path: string): CrisisPattern[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`CRISIS_PHRASES_FILE: cannot read ${path} (expected a text file of "kind: phrase" lines)`);
  }
  const parsed = parseCrisisPhrases(text);
  if ('problem' in parsed) throw new ConfigError(`CRISIS_PHRASES_FILE: line ${parsed.line}: ${parsed.problem}`);
  return parsed.phrases;
}

/** Loads `.env` into the environment when present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
