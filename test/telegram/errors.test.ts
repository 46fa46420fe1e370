// What each Bot API answer means for delivery: only 5xx and network errors are retried; every
// other 4xx is a refusal for good, marked when the refused call carried the picture or file.
import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../../adapters/telegram/errors.js';

const api = (code: number, description: string, parameters?: Record<string, number>) =>
  new TelegramError({ error_code: code, description, ...(parameters ? { parameters } : {}) });

describe('a Bot API error, classified', () => {
  it('retries only 5xx and network errors', () => {
    expect(classifyError(api(502, 'Bad Gateway'), true)).toMatchObject({ error: 'transient' });
    expect(classifyError(api(500, 'Internal Server Error'))).toMatchObject({ error: 'transient' });
    expect(classifyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true)).toMatchObject({ error: 'transient' });
  });

  it('refuses for good a 400 or a 404 (a server without the method), saying whether the attachment was refused', () => {
    expect(classifyError(api(400, 'Bad Request: IMAGE_PROCESS_FAILED'), true)).toEqual({ ok: false, error: 'refused', reason: '400: Bad Request: IMAGE_PROCESS_FAILED', attachment: true });
    expect(classifyError(api(404, 'Not Found'), true)).toMatchObject({ error: 'refused', attachment: true });
    expect(classifyError(api(413, 'Request Entity Too Large'), true)).toMatchObject({ error: 'refused', attachment: true });
    expect(classifyError(api(400, "Bad Request: can't parse entities"))).toMatchObject({ error: 'refused', attachment: false });
    expect(classifyError(api(403, 'Forbidden: not enough rights to send photos to the chat'), true)).toMatchObject({ error: 'refused', attachment: true });
  });

  it('keeps 429, unreachable chats and migrations as they were', () => {
    expect(classifyError(api(429, 'Too Many Requests', { retry_after: 3 }))).toEqual({ ok: false, error: 'rate_limited', retryAfterMs: 3_000 });
    expect(classifyError(api(403, 'Forbidden: bot was blocked by the user'), true)).toMatchObject({ error: 'unreachable' });
    expect(classifyError(api(400, 'Bad Request: chat not found'))).toMatchObject({ error: 'unreachable' });
    expect(classifyError(api(400, 'Bad Request: group chat was upgraded', { migrate_to_chat_id: -100123 }), true)).toEqual({ ok: false, error: 'migrated', newChatId: -100123 });
  });
});
