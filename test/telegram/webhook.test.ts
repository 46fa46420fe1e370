// Webhook mode: Telegram posts updates to the bot with the secret token it was given;
// anything without that token is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { outboxSettled, startTelegramTestBot, type TelegramTestBot } from './stack.js';

const SECRET = 'webhook_secret_0123456789abcdef';
const HOOK = 'https://steadfast.example.test/telegram/hook';

describe('the Telegram bot behind a webhook', () => {
  let fake: FakeTelegram;
  let stack: TelegramTestBot;
  let url: string;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    stack = await startTelegramTestBot(fake, {
      env: { TELEGRAM_WEBHOOK_URL: HOOK, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_WEBHOOK_PORT: '0' },
    });
    url = `http://127.0.0.1:${stack.telegram.webhookPort}/telegram/hook`;
    await fake.waitFor(() => fake.webhook, 10_000, 'setWebhook');
  });

  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
  });

  const post = (update: object, secret?: string) => fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
    body: JSON.stringify(update),
  });

  async function processed(updateId: number): Promise<boolean> {
    const row = await stack.db.selectFrom('processed_events').select('key').where('key', '=', `telegram:update:${updateId}`).executeTakeFirst();
    return row !== undefined;
  }

  it('registers the webhook with its secret token, and does not poll', () => {
    expect(fake.webhook).toEqual({ url: HOOK, secret: SECRET });
    expect(fake.callsOf('getUpdates')).toEqual([]);
  });

  it('refuses an update with a wrong or missing secret, and changes nothing', async () => {
    const eve = fake.user('Eve');
    const update = { ...fake.messageUpdate(eve, '/start'), update_id: 5_001 };
    expect((await post(update, 'not_the_secret_0123456789abcdef')).status).toBe(401);
    expect((await post(update)).status).toBe(401);
    expect((await fetch(url)).status).toBe(404);
    await new Promise((r) => setTimeout(r, 200));
    expect(await processed(5_001)).toBe(false);
    expect(fake.messagesTo({ id: eve.id })).toEqual([]);
  });

  it('handles an update with the right secret, once even when Telegram delivers it twice', async () => {
    const fay = fake.user('Fay');
    const update = { ...fake.messageUpdate(fay, '/start'), update_id: 5_002 };
    expect((await post(update, SECRET)).status).toBe(200);
    expect((await post(update, SECRET)).status).toBe(200);
    expect(await processed(5_002)).toBe(true);
    await outboxSettled(fake, stack.db, 'telegram:update:5002:');
    const got = fake.messagesTo({ id: fay.id });
    expect(got).toHaveLength(1);
    expect(got[0]!.buttons.flat().map((b) => b.text)).toContain("I'm in recovery");
  });
});
