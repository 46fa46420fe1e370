import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashCode, makeCode, normaliseCode } from '../domain/invite-code.js';
import { platformOf } from '../domain/platform-id.js';
import { reply } from '../ports/reply.js';
import { hasOwnHistory, joinAccountTo } from '../store/person-data.js';
import { createInvite, peekInvite, redeemInvite } from '../store/invites.js';
import { notifyPerson } from '../services/notify.js';
import { homeAccount } from '../store/people.js';
import { checkCode, failedCode } from './links.js';
import { action, type CommandSpec } from './spec.js';

const DAY = 86_400_000;

export const linkCommand: CommandSpec = {
  name: 'link',
  summary: 'Use the same Steadfast on another platform: /link here gives a code, /link CODE there',
  usage: ['/link', '/link ABCDE-12345'],
  where: 'dm-only',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Join your accounts',
    options: { code: { description: 'The code from /link on your other platform', schema: z.string().trim().min(1).max(40), expected: 'the code from /link, like ABCDE-12345', positional: true } },
    async run(ctx, { code }) {
      if (!code) {
        const fresh = makeCode((n) => randomBytes(n));
        await createInvite(ctx.deps.db, { codeHash: hashCode(normaliseCode(fresh)!), personId: ctx.person.id, relation: 'account', expiresAt: new Date(ctx.now.getTime() + DAY) }, ctx.now);
        return reply(`To use Steadfast on another platform as the same person, send this there within 24 hours:\n/link ${fresh}\nYour check-ins, counters and links then follow you on both.`);
      }
      const checked = await checkCode(ctx, code);
      if ('problem' in checked) return reply(checked.problem);
      const invite = await peekInvite(ctx.deps.db, checked.hash, ctx.now);
      if (!invite || invite.relation !== 'account') return failedCode(ctx);
      if (invite.personId === ctx.person.id) return reply('This account is already part of that Steadfast.');
      if (await hasOwnHistory(ctx.deps.db, ctx.person.id)) {
        return reply('This account already has its own check-ins or links, so I cannot join it to the other one without losing something. Send /link here to get a code, and use it on the other platform instead — or /export and /delete here first.');
      }
      if (!(await redeemInvite(ctx.deps.db, checked.hash, ctx.now))) return failedCode(ctx);
      // The warning goes to the account they already had, not to the one that used the code.
      const existing = await homeAccount(ctx.deps.db, invite.personId);
      await joinAccountTo(ctx.deps.db, ctx.account, ctx.person.id, invite.personId);
      await notifyPerson(ctx.deps, invite.personId, `account-linked:${ctx.account}`,
        `A new account was joined to your Steadfast (on ${platformOf(ctx.account)}). If that was not you, that account can now see your check-ins: tell someone you trust, and consider /export then /delete.`,
        ctx.now, { account: existing ?? undefined });
      return reply('Done: this account is now joined to your Steadfast. Messages I start go to whichever account you used last.');
    },
  }),
};
