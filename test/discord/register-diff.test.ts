// `npm run discord:register -- --diff`: what registering would change, without writing anything.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDiff, diffCommands } from '../../adapters/discord/command-diff.js';
import { previewRegistration, registerCommands } from '../../adapters/discord/register.js';
import { COMMANDS } from '../../src/commands/catalog.js';
import { FakeDiscord } from '../helpers/fake-discord.js';

const status = { type: 3, name: 'status', description: 'How it went', required: false, choices: [{ name: 'sober', value: 'sober' }, { name: 'relapse', value: 'relapse' }] };
const mood = { type: 4, name: 'mood', description: 'From 1 to 5', required: false, min_value: 1, max_value: 5 };
const checkin = { type: 1, name: 'checkin', description: 'Check in for today', contexts: [0, 1], integration_types: [0], options: [status, mood] };
const help = { type: 1, name: 'help', description: 'List what I can do', contexts: [0, 1], integration_types: [0], options: [] };

/** As Discord returns them: its own fields added, false and empty ones left out, keys in its order. */
const fromDiscord = {
  checkin: {
    id: '1', application_id: '2', version: '3', default_member_permissions: null, dm_permission: true, nsfw: false,
    name: 'checkin', type: 1, description: 'Check in for today', contexts: [1, 0], integration_types: [0], name_localizations: null,
    options: [
      { name: 'status', type: 3, description: 'How it went', choices: [{ value: 'sober', name: 'sober' }, { name: 'relapse', value: 'relapse' }] },
      { name: 'mood', type: 4, description: 'From 1 to 5', min_value: 1, max_value: 5 },
    ],
  },
  help: { id: '4', application_id: '2', version: '5', default_member_permissions: null, dm_permission: true, nsfw: false, type: 1, name: 'help', description: 'List what I can do', contexts: [0, 1], integration_types: [0] },
};

describe('comparing the registered commands with the catalog', () => {
  it('sees no change where Discord only added its own fields and left out false and empty ones', () => {
    expect(diffCommands([fromDiscord.checkin, fromDiscord.help], [checkin, help])).toEqual({ added: [], removed: [], changed: [] });
  });

  it('names commands added and removed', () => {
    const old = { ...fromDiscord.help, name: 'oldhelp' };
    expect(diffCommands([fromDiscord.checkin, old], [checkin, help])).toEqual({ added: ['/help'], removed: ['/oldhelp'], changed: [] });
  });

  it('names which fields of a changed command differ, down to one option', () => {
    const wanted = {
      ...checkin,
      description: 'Check in for today (again)',
      contexts: [1],
      options: [status, { ...mood, max_value: 10 }, { type: 3, name: 'note', description: 'A private note' }],
    };
    expect(diffCommands([fromDiscord.checkin], [wanted]).changed).toEqual([{
      command: '/checkin',
      fields: ['contexts', 'description', 'options.mood.max_value', 'options.note (added)'],
    }]);
  });

  it('notices options and choices that only moved, and ones taken away', () => {
    const wanted = { ...checkin, options: [{ ...mood, required: true }, { ...status, choices: [status.choices[0]!] }] };
    expect(diffCommands([fromDiscord.checkin], [wanted]).changed[0]!.fields).toEqual([
      'options.mood.required', 'options.status.choices.relapse (removed)', 'options (order)',
    ]);
  });

  it('ignores contexts on a server, where Discord does not use them', () => {
    const server = { ...fromDiscord.help, contexts: null, integration_types: null, guild_id: '6' };
    expect(diffCommands([server], [help], { guild: true }).changed).toEqual([]);
    expect(diffCommands([server], [help]).changed).toEqual([{ command: '/help', fields: ['contexts', 'integration_types'] }]);
  });

  it('says so plainly, whether something would change or nothing', () => {
    expect(describeDiff({ added: [], removed: [], changed: [] }, 'global')).toBe('No changes (global): Discord has the catalog\'s commands.');
    expect(describeDiff({ added: ['/goals'], removed: ['/old'], changed: [{ command: '/checkin', fields: ['description', 'options.mood.max_value'] }] }, 'server 1')).toBe([
      'Registering (server 1) would add 1, remove 1 and change 1 commands:',
      '  + /goals',
      '  - /old',
      '  ~ /checkin: description, options.mood.max_value',
      'Nothing was written.',
    ].join('\n'));
  });
});

describe('npm run discord:register -- --diff against a fake Discord', () => {
  let fake: FakeDiscord;
  const config = () => ({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: null });
  beforeAll(async () => { fake = await FakeDiscord.start(); });
  afterAll(async () => { await fake.close(); });

  it('lists every command as new, then none once registered, and writes nothing itself', async () => {
    const before = await previewRegistration(config());
    expect(before.diff.added).toHaveLength(COMMANDS.length);
    await registerCommands(config());
    const after = await previewRegistration(config());
    expect(after).toEqual({ diff: { added: [], removed: [], changed: [] }, scope: 'global' });
    expect((await previewRegistration(config(), { clear: true })).diff.removed).toHaveLength(COMMANDS.length);
    expect(fake.registrations).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/commands'))).toHaveLength(3);
  });

  it('compares a server registration on that server', async () => {
    await registerCommands({ ...config(), guildId: '300000000000000001' });
    const r = await previewRegistration({ ...config(), guildId: '300000000000000001' });
    expect(r).toEqual({ diff: { added: [], removed: [], changed: [] }, scope: 'server 300000000000000001' });
  });

  it('runs as the npm script: prints the result and exits 0', async () => {
    const count = fake.registrations.length;
    const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/discord/register.ts', '--diff'], {
      env: { PATH: process.env.PATH, DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(out).toBe('No changes (global): Discord has the catalog\'s commands.\n');
    expect(code).toBe(0);
    expect(fake.registrations).toHaveLength(count);
  });
});
