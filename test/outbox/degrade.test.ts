// The rewritten row of a refused attachment reads back through the outbox's own decoding:
// same identity and seal place, the text with its note, no attachment, the relapse flag kept.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withoutAttachment } from '../../src/outbox/degrade.js';
import { claimTurns, enqueueMessage, toOutboxMessage } from '../../src/store/outbox.js';
import { replaceRefusedAttachment } from '../../src/store/outbox-degrade.js';
import { createTextSeal } from '../../src/store/sealed-text.js';
import type { Reply } from '../../src/ports/reply.js';
import { describeEachDatabase, useDatabase } from '../helpers/databases.js';

const picture: Reply = {
  text: 'Relapse noted. You are not alone.', private: true, buttons: [[{ label: 'Check in now', command: '/checkin' }]],
  attachment: { kind: 'image', filename: 'p.png', data: new Uint8Array([1, 2, 3]), alt: 'A chart' },
};

describeEachDatabase('a refused attachment, rewritten', (target) => {
  const d = useDatabase(target);
  const seal = createTextSeal(randomBytes(32));
  it('keeps the words, the buttons and the relapse flag, drops the picture, and is due again at once', async () => {
    const t = { db: d.db, seal };
    const now = new Date('2026-03-10T12:00:00Z');
    await enqueueMessage(t.db, t.seal, { key: 'k:1', topic: 'answer', to: { chatId: 'telegram:5', kind: 'dm' }, recipientId: null, reportsRelapse: true, reply: picture, notBefore: now }, now);
    const row0 = await t.db.selectFrom('outbox').selectAll().where('idem_key', '=', 'k:1').executeTakeFirstOrThrow();
    expect((await claimTurns(t.db, now, 1, { platforms: ['telegram'] })).map((r) => r.id)).toEqual([row0.id]);
    const m = toOutboxMessage(row0, t.seal);
    expect(await replaceRefusedAttachment(t.db, t.seal, m, withoutAttachment(m.reply), now, '400: Bad Request')).toBe(true);
    // A second outcome for the same send changes nothing.
    expect(await replaceRefusedAttachment(t.db, t.seal, m, withoutAttachment(m.reply), now, '400: Bad Request')).toBe(false);

    const row = await t.db.selectFrom('outbox').selectAll().where('idem_key', '=', 'k:1').executeTakeFirstOrThrow();
    const back = toOutboxMessage(row, t.seal);
    expect(back.status).toBe('queued');
    expect(back.notBefore.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(back.reportsRelapse).toBe(true);
    expect(back.reply.attachment).toBeUndefined();
    expect(back.reply.text).toBe('The picture could not be sent here; the text is below.\n\nRelapse noted. You are not alone.');
    expect(back.reply.buttons).toEqual(picture.buttons);
    expect(back.lastError).toBe('attachment refused: 400: Bad Request');
  });
});

describe('the words of a refused attachment', () => {
  it('says only that the file could not be sent when it had no words', () => {
    const r = withoutAttachment({ text: ' ', private: true, attachment: { kind: 'file', filename: 'x.json', mime: 'application/json', data: new Uint8Array() } });
    expect(r.text).toBe('The file could not be sent here.');
    expect(r.attachment).toBeUndefined();
  });
});
