import { describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../adapters/discord/config.js';
import { escapeText, renderReply, splitText } from '../../adapters/discord/render.js';
import { ConfigError } from '../../src/config.js';
import { reply } from '../../src/ports/reply.js';

describe('rendering a reply for Discord', () => {
  it('shows user text literally: no markdown, no mentions, no masked links', () => {
    const out = escapeText('**bold** <@123> <@&9> <#5> @everyone [x](http://evil)\n# Title\n1. one');
    expect(out).not.toContain('**bold**');
    expect(out).not.toMatch(/<[@#]/);
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).toContain('\\# Title');
    expect(out).toContain('1\\. one');
    expect(out).toContain('\\[x](');
  });

  it('splits long text at line breaks and keeps buttons under the last piece', () => {
    const text = Array.from({ length: 60 }, (_, i) => `line ${i} ${'x'.repeat(50)}`).join('\n');
    const messages = renderReply(reply(text, { buttons: [[{ label: 'Done', command: '/checkin done' }]] }));
    expect(messages.length).toBe(2);
    expect(messages.every((m) => m.content.length <= 2000)).toBe(true);
    expect(messages[0]!.components).toEqual([]);
    expect(messages[1]!.components[0]!.components[0]).toMatchObject({ label: 'Done', custom_id: '/checkin done' });
    expect(splitText('a'.repeat(4500), 2000).map((s) => s.length)).toEqual([2000, 2000, 500]);
  });

  it('keeps to 5 buttons a row and 5 rows a message, labels to 80, ids unique', () => {
    const row = Array.from({ length: 7 }, (_, i) => ({ label: `${'L'.repeat(90)}${i}`, command: ['/help', '/start', '/goals', '/boundaries', '/links', '/circles', '/progress'][i]! }));
    const messages = renderReply(reply('Pick one', { buttons: [row, row, row, row] }));
    const rows = messages.flatMap((m) => m.components);
    expect(messages.every((m) => m.components.length <= 5)).toBe(true);
    expect(rows.every((r) => r.components.length <= 5)).toBe(true);
    const buttons = rows.flatMap((r) => r.components) as { label: string; custom_id: string }[];
    expect(buttons.length).toBe(28);
    expect(buttons.every((b) => b.label.length <= 80)).toBe(true);
    for (const m of messages) {
      const ids = m.components.flatMap((r) => r.components).map((b) => (b as { custom_id: string }).custom_id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('shows many choices of one kind as a select menu whose values are the commands', () => {
    const zones = ['Europe/Berlin', 'Europe/London', 'Asia/Tokyo', 'America/Denver', 'UTC', 'Africa/Lagos'].map((z) => ({ label: z, command: `/timezone ${z}` }));
    const [m] = renderReply(reply('Which zone?', { buttons: [zones.slice(0, 3), zones.slice(3), [{ label: 'Done', command: '/checkin done' }]] }));
    const menu = m!.components[0]!.components[0] as { type: number; custom_id: string; options: { label: string; value: string }[] };
    expect(menu.type).toBe(3);
    expect(menu.options.map((o) => o.value)).toEqual(zones.map((z) => z.command));
    expect(m!.components[1]!.components).toMatchObject([{ type: 2, label: 'Done', custom_id: '/checkin done' }]);
    // A few choices (sober / middle / relapse) stay buttons.
    const [few] = renderReply(reply('Today?', { buttons: [[{ label: 'Sober', command: '/checkin sober' }, { label: 'Middle', command: '/checkin middle' }]] }));
    expect(few!.components[0]!.components.every((c) => c.type === 2)).toBe(true);
  });

  it('attaches a picture as PNG with its description, an export as JSON', () => {
    const png = renderReply(reply('Progress', { attachment: { kind: 'image', filename: 'p.png', data: new Uint8Array([1]), alt: 'Chart' } }));
    expect(png[0]!.files[0]).toMatchObject({ name: 'p.png', contentType: 'image/png', description: 'Chart' });
    const json = renderReply(reply('Export', { attachment: { kind: 'file', filename: 'e.json', mime: 'application/json', data: new Uint8Array([123, 125]) } }));
    expect(json[0]!.files[0]).toMatchObject({ name: 'e.json', contentType: 'application/json' });
  });
});

describe('Discord configuration', () => {
  const ok = { DISCORD_TOKEN: 'abc.def.ghi', DISCORD_APPLICATION_ID: '100000000000000001' };

  it('is off when neither token nor application id is set', () => {
    expect(loadDiscordConfig({})).toBeNull();
  });

  it('reads the token, application id, REST base and development server', () => {
    expect(loadDiscordConfig({ ...ok, DISCORD_API_URL: 'http://127.0.0.1:8080/api/', DISCORD_GUILD_ID: '300000000000000001' }))
      .toEqual({ token: 'abc.def.ghi', applicationId: '100000000000000001', apiUrl: 'http://127.0.0.1:8080/api', guildId: '300000000000000001' });
  });

  it.each([
    [{ DISCORD_TOKEN: 'abc' }, 'DISCORD_APPLICATION_ID'],
    [{ DISCORD_APPLICATION_ID: '100000000000000001' }, 'DISCORD_TOKEN'],
    [{ ...ok, DISCORD_APPLICATION_ID: 'my-bot' }, 'DISCORD_APPLICATION_ID'],
    [{ ...ok, DISCORD_API_URL: 'discord.example' }, 'DISCORD_API_URL'],
    [{ ...ok, DISCORD_GUILD_ID: 'general' }, 'DISCORD_GUILD_ID'],
    [{ ...ok, DISCORD_TOKEN: 'Bot abc' }, 'DISCORD_TOKEN'],
  ])('names the wrong variable in one line (%o)', (env, name) => {
    let error: unknown;
    try { loadDiscordConfig(env); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.startsWith(`${name}: `)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
  });
});
