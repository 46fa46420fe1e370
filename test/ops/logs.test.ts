import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLog } from '../../src/log.js';

describe('structured logs', () => {
  it('are JSON lines, and never carry a bot token even when a library puts one in an error', () => {
    let out = '';
    const sink = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } });
    const log = createLog('info', sink);
    const telegram = '123456789:AAEhBP0av28ffCuXb3jQ2pUkUMx8SjUqVZk';
    const discord = 'MTA0NzI2NTM3MDc4MjE2NzA2OA.GkqYsW.abcdefghijklmnopqrstuvwxyz0123';
    log.warn({ event: 'telegram-poll-failed', err: `request to https://api.telegram.org/bot${telegram}/getUpdates failed` }, 'could not reach Telegram');
    log.error({ event: 'discord-error', err: `invalid token ${discord}` }, 'discord client error');
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.event)).toEqual(['telegram-poll-failed', 'discord-error']);
    expect(out).not.toContain(telegram);
    expect(out).not.toContain(discord);
    expect(out).toContain('[token]');
  });

  it('redact free-text fields by name as a safety net', () => {
    let out = '';
    const sink = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } });
    createLog('info', sink).info({ event: 'x', note: 'my private words', text: 'more words' }, 'm');
    expect(out).not.toContain('private words');
    expect(out).not.toContain('more words');
  });
});
