import { ApplicationCommandOptionType as T, InteractionContextType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLineOf } from '../../adapters/discord/command-line.js';
import { slashCommands } from '../../adapters/discord/commands.js';
import { modalOf } from '../../adapters/discord/modals.js';
import { registerCommands } from '../../adapters/discord/register.js';
import { COMMANDS } from '../../src/commands/catalog.js';
import { formAnswer, planAnswer, suggestions } from '../../src/commands/run.js';
import { optionKind } from '../../src/commands/spec.js';
import { FakeDiscord } from '../helpers/fake-discord.js';

const NAME = /^[-_a-z0-9]{1,32}$/;
const defs = slashCommands(COMMANDS);

interface Opt { type: number; name: string; description: string; required?: boolean; choices?: unknown[]; options?: Opt[]; autocomplete?: boolean; max_length?: number; min_value?: number; max_value?: number }

function checkOptions(where: string, options: Opt[]): void {
  expect(options.length, `${where}: at most 25 options`).toBeLessThanOrEqual(25);
  const names = options.map((o) => o.name);
  expect(new Set(names).size, `${where}: option names are unique`).toBe(names.length);
  const firstOptional = options.findIndex((o) => !o.required);
  if (firstOptional >= 0) expect(options.slice(firstOptional).every((o) => !o.required), `${where}: required options come first`).toBe(true);
  for (const o of options) {
    expect(o.name, `${where}: option name`).toMatch(NAME);
    expect(o.description.length, `${where} ${o.name}: description length`).toBeGreaterThanOrEqual(1);
    expect(o.description.length, `${where} ${o.name}: description length`).toBeLessThanOrEqual(100);
    expect((o.choices ?? []).length, `${where} ${o.name}: at most 25 choices`).toBeLessThanOrEqual(25);
    if (o.autocomplete) expect(o.choices, 'autocomplete and choices exclude each other').toBeUndefined();
    if (o.options) checkOptions(`${where} ${o.name}`, o.options);
  }
}

describe('slash command definitions', () => {
  it('has every catalog command, once, under its own name', () => {
    expect(defs.map((d) => d.name).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  it('stays inside Discord limits: names, lengths, counts, required options first', () => {
    expect(defs.length).toBeLessThanOrEqual(100);
    for (const d of defs) {
      expect(d.name).toMatch(NAME);
      expect(d.description.length).toBeGreaterThanOrEqual(1);
      expect(d.description.length).toBeLessThanOrEqual(100);
      checkOptions(d.name, (d.options ?? []) as Opt[]);
    }
  });

  it('derives each option from the catalog schema: subcommands, choices, integers, text limits', () => {
    for (const spec of COMMANDS) {
      const def = defs.find((d) => d.name === spec.name)!;
      const leaves = spec.subcommands
        ? Object.entries(spec.subcommands).map(([sub, a]) => ({ a, opts: ((def.options ?? []) as Opt[]).find((o) => o.name === sub && o.type === T.Subcommand)?.options ?? null }))
        : [{ a: spec.action!, opts: (def.options ?? []) as Opt[] }];
      for (const { a, opts } of leaves) {
        expect(opts, `${spec.name}: every subcommand is a SUB_COMMAND`).not.toBeNull();
        // Options a link fills (a start link's parameter) are never offered to type.
        const typed = Object.entries(a.options).filter(([, o]) => !o.hidden);
        expect(opts!.map((o) => o.name).sort()).toEqual(typed.map(([name]) => name).sort());
        for (const [name, o] of typed) {
          const d = opts!.find((x) => x.name === name)!;
          const kind = optionKind(o.schema);
          expect(d.required ?? false, `${spec.name} ${name} required`).toBe(o.required === true);
          if (kind.type === 'integer') expect([d.type, d.min_value, d.max_value]).toEqual([T.Integer, kind.min, kind.max]);
          else expect(d.type).toBe(T.String);
          if (kind.type === 'string' && kind.choices) expect(d.choices).toEqual(kind.choices.map((c) => ({ name: c, value: c })));
        }
      }
    }
    const checkin = defs.find((d) => d.name === 'checkin')!.options as Opt[];
    expect(checkin.find((o) => o.name === 'note')).toMatchObject({ type: T.String, max_length: 2000 });
    expect(checkin.find((o) => o.name === 'status')?.choices).toHaveLength(3);
  });

  it('offers /timezone zone by autocomplete, and DM-only commands only in DMs', () => {
    const zone = (defs.find((d) => d.name === 'timezone')!.options as Opt[]).find((o) => o.name === 'zone');
    expect(zone?.autocomplete).toBe(true);
    expect(defs.find((d) => d.name === 'export')!.contexts).toEqual([InteractionContextType.BotDM]);
    expect(defs.find((d) => d.name === 'checkin')!.contexts).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM]);
  });
});

describe('registering the commands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => { fake = await FakeDiscord.start(); });
  afterAll(async () => { await fake.close(); });

  it('puts the definitions globally, or on one server for development', async () => {
    const config = { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: null };
    expect(await registerCommands(config)).toEqual({ count: COMMANDS.length, scope: 'global' });
    await registerCommands({ ...config, guildId: '300000000000000001' });
    expect(fake.registrations.map((r) => r.path)).toEqual([
      `/applications/${fake.applicationId}/commands`,
      `/applications/${fake.applicationId}/guilds/300000000000000001/commands`,
    ]);
    expect(fake.registrations[0]!.body).toEqual(JSON.parse(JSON.stringify(defs)));
    expect(fake.requests.every((r) => r.auth === `Bot ${fake.token}`)).toBe(true);
    await registerCommands({ ...config, guildId: '300000000000000001' }, { clear: true });
    expect(fake.registrations[2]!.body).toEqual([]);
  });
});

describe('a slash command as a one-line command', () => {
  const line = (name: string, options: Parameters<typeof commandLineOf>[1]) => commandLineOf(name, options, COMMANDS);

  it('names every value and puts free text last, where it may run to the end of the line', () => {
    expect(line('checkin', [
      { name: 'note', type: T.String, value: 'mood:1 is not my mood, did:nothing' },
      { name: 'status', type: T.String, value: 'sober' },
      { name: 'mood', type: T.Integer, value: 4 },
    ])).toEqual({ ok: true, line: '/checkin status:sober mood:4 note:mood:1 is not my mood, did:nothing' });
  });

  it('puts the subcommand after the command', () => {
    expect(line('goal', [{ name: 'add', type: T.Subcommand, options: [{ name: 'text', type: T.String, value: 'Call my sponsor' }, { name: 'by', type: T.String, value: '2026-12-31' }] }]))
      .toEqual({ ok: true, line: '/goal add by:2026-12-31 text:Call my sponsor' });
  });

  it('refuses a space inside a one-word value instead of guessing', () => {
    const r = line('checkin', [{ name: 'feeling', type: T.String, value: 'very tired' }]);
    expect(r.ok).toBe(false);
  });
});

describe('forms and suggestions', () => {
  const discord = { answersInline: true, ephemeral: true, editsMessages: true, asksWithForms: true };
  const formFor = (line: string) => planAnswer(line, { id: 'discord:1', kind: 'dm' }, undefined, discord).form;

  it('opens a note form for "Add a note" and turns its answer into the note', () => {
    const form = formFor('/checkin note');
    expect(modalOf(form!).components[0]).toMatchObject({ components: [{ style: 2, max_length: 2000, required: true }] });
    expect(formFor('/checkin step:note')).toEqual(form);
    expect(formAnswer(form!.id, ' Called Sam.\nFelt better. ')).toBe('/checkin note:Called Sam.\nFelt better.');
    expect(formFor('/checkin sober')).toBeNull();
  });

  it('suggests at most 25 IANA zones matching what was typed', () => {
    const zones = (typed: string) => suggestions('timezone', null, 'zone', typed);
    expect(zones('berl')).toEqual(['Europe/Berlin']);
    expect(zones('new york')).toContain('America/New_York');
    expect(zones('america').length).toBe(25);
    expect(zones('utc')[0]).toBe('UTC');
    expect(zones('').length).toBeGreaterThan(0);
  });
});
