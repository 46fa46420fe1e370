import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_SCOPES, parseScopes, PARTNER_LEVEL_LABEL, SCOPE_LABEL, SCOPES, type Relation } from '../domain/consent.js';
import { hashCode, invitePayload, makeCode, normaliseCode } from '../domain/invite-code.js';
import { reply, type Reply } from '../ports/reply.js';
import { findMyLink, isRelation, myLinks } from '../services/links.js';
import { notifyPerson } from '../services/notify.js';
import { createInvite, failedAttemptsSince, peekInvite, recordFailedAttempt, redeemInvite } from '../store/invites.js';
import { createLink, displayNameOf, linksOf, updateLink } from '../store/links.js';
import { updatePerson } from '../store/people.js';
import type { CommandContext } from '../services/context.js';
import { forwardableInvitation } from '../messages/invitation.js';
import { asFirstSteps } from './newcomer.js';
import { linkRefOption } from './parsed-schema.js';
import { action, type CommandSpec } from './spec.js';

const DAY = 86_400_000;
/** Failed redemptions an account may make per hour: guessing a 50-bit code stays hopeless. */
export const MAX_FAILED_CODES_PER_HOUR = 5;

const codeOption = {
  description: 'The code you were given',
  schema: z.string().trim().min(1).max(40),
  expected: 'the code you were given, like ABCDE-12345',
  positional: true,
  // "ABCDE 12345" is a code too: spaces inside it are ignored.
  rest: true,
} as const;

export const inviteCommand: CommandSpec = {
  name: 'invite',
  summary: 'Invite a sponsor, partner or coach: get a one-time code',
  usage: ['/invite sponsor', '/invite partner', '/invite coach'],
  where: 'anywhere',
  private: true,
  action: action({
    summary: 'Get an invitation code',
    options: {
      relation: { description: 'sponsor, partner or coach', schema: z.enum(['sponsor', 'partner', 'coach']), expected: 'sponsor, partner or coach', positional: true, required: true },
    },
    async run(ctx, { relation }) {
      const code = makeCode((n) => randomBytes(n));
      await createInvite(ctx.deps.db, { codeHash: hashCode(normaliseCode(code)!), personId: ctx.person.id, relation, expiresAt: new Date(ctx.now.getTime() + DAY) }, ctx.now);
      const what = relation === 'partner'
        ? 'Your partner decides what, if anything, they want to receive; nothing reaches them until they choose.'
        : `They will receive: ${DEFAULT_SCOPES.map((s) => SCOPE_LABEL[s]).join(', ')}. Change it any time with /share.`;
      // Where the platform has start links, one tap opens the bot and accepts.
      const link = await ctx.startLink(invitePayload(code));
      const yours = reply(`Your invitation code for your ${relation}: ${code}\nIt works once, within 24 hours. Forward the next message to them (or copy it): it has ${link ? 'a link to tap and ' : ''}the steps to accept, on Telegram, Discord or here.\n${what}`);
      const theirs = reply(forwardableInvitation({ from: await displayNameOf(ctx.deps.db, ctx.person.id), relation, code, link }));
      return [yours, theirs];
    },
  }),
};

export const acceptCommand: CommandSpec = {
  name: 'accept',
  summary: 'Accept an invitation code someone gave you',
  usage: ['/accept ABCDE-12345'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Accept an invitation',
    options: { code: codeOption },
    // Where a platform reads no typed messages (Discord), a bare /accept (or its button) opens a form for the code.
    forms: [{ opensWith: {}, fills: 'code', title: 'Accept an invitation', label: 'Invitation code', placeholder: 'ABCDE-12345' }],
    async run(ctx, { code }): Promise<Reply[]> {
      if (!code) {
        await updatePerson(ctx.deps.db, ctx.person.id, { awaiting: { kind: 'invite-code' } });
        return [reply('Send me the invitation code you were given (it looks like ABCDE-12345). Or tap the link that came with it.')];
      }
      return asFirstSteps(ctx, await redeemInvitation(ctx, code, 'code'));
    },
  }),
};

/**
 * Redeems an invitation, typed as a code or carried by a tapped start link: single-use,
 * expiring, and refused after too many failures from one account. The code is never logged.
 */
export async function redeemInvitation(ctx: CommandContext, code: string, via: 'code' | 'link'): Promise<Reply> {
  const checked = await checkCode(ctx, code);
  if ('problem' in checked) return reply(checked.problem);
  const invite = await peekInvite(ctx.deps.db, checked.hash, ctx.now);
  if (!invite || invite.relation === 'account' || !isRelation(invite.relation)) return failedCode(ctx, via);
  if (invite.personId === ctx.person.id) return reply(`That is your own ${via === 'link' ? 'invitation link' : 'code'}: give it to the person you want to invite.`);
  const existing = (await linksOf(ctx.deps.db, ctx.person.id)).find((l) => l.personId === invite.personId && l.supporterId === ctx.person.id);
  if (existing) return reply('You are already linked with them. See /links.');
  if (!(await redeemInvite(ctx.deps.db, checked.hash, ctx.now))) return failedCode(ctx, via);
  const relation = invite.relation as Relation;
  const link = await createLink(ctx.deps.db, { personId: invite.personId, supporterId: ctx.person.id, relation, scopes: DEFAULT_SCOPES }, ctx.now);
  const theirName = await displayNameOf(ctx.deps.db, invite.personId);
  const myName = await displayNameOf(ctx.deps.db, ctx.person.id);
  await notifyPerson(ctx.deps, invite.personId, `link:${link.id}:accepted`, `${myName} accepted your invitation and is now your ${relation}. See /links.`, ctx.now);
  if (relation === 'partner') {
    return reply(`You are linked with ${theirName} as their partner. Nothing is sent to you until you choose what you want to receive:`, {
      buttons: partnerLevelButtons(link.id),
    });
  }
  return reply(`You are now ${theirName}'s ${relation}. You will receive what they choose to share: ${DEFAULT_SCOPES.map((s) => SCOPE_LABEL[s]).join(', ')}. End it any time with /unlink.`);
}

export function partnerLevelButtons(linkId: string) {
  return [
    [{ label: PARTNER_LEVEL_LABEL.nothing, command: `/receive nothing ${linkId}` }, { label: PARTNER_LEVEL_LABEL.status, command: `/receive status ${linkId}` }],
    [{ label: PARTNER_LEVEL_LABEL.relapse, command: `/receive relapse ${linkId}` }, { label: PARTNER_LEVEL_LABEL.full, command: `/receive full ${linkId}` }],
  ];
}

/** A typed code, normalised; refused while the account has failed too often this hour. */
export async function checkCode(ctx: CommandContext, typed: string): Promise<{ hash: string } | { problem: string }> {
  const since = new Date(ctx.now.getTime() - 3_600_000);
  if ((await failedAttemptsSince(ctx.deps.db, ctx.account, since)) >= MAX_FAILED_CODES_PER_HOUR) {
    return { problem: 'Too many codes that did not work. Please wait an hour and try again, or ask for a new code.' };
  }
  const normal = normaliseCode(typed);
  if (!normal) {
    await recordFailedAttempt(ctx.deps.db, ctx.account, ctx.now);
    return { problem: 'That does not look like a code. Codes look like ABCDE-12345.' };
  }
  return { hash: hashCode(normal) };
}

export async function failedCode(ctx: CommandContext, via: 'code' | 'link' = 'code'): Promise<Reply> {
  await recordFailedAttempt(ctx.deps.db, ctx.account, ctx.now);
  return reply(via === 'link'
    ? 'That invitation link no longer works: it has been used already or is older than 24 hours. Ask the person who sent it for a new one.'
    : 'That code is not valid: it may have been used already or be older than 24 hours. Ask for a new one.');
}

export const linksCommand: CommandSpec = {
  name: 'links',
  summary: 'List the people you are linked with and what they receive',
  usage: ['/links'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'List your links',
    options: {},
    async run(ctx) {
      const mine = await myLinks(ctx);
      if (mine.length === 0) return reply('You are not linked with anyone yet. /invite sponsor gives a code for someone you trust.');
      const lines = mine.map(({ n, link, otherName, side }) => {
        if (side === 'sharing') {
          const receives = link.relation === 'partner'
            ? `they chose: ${PARTNER_LEVEL_LABEL[link.partnerLevel ?? 'nothing']}${link.receivingPaused ? ' (paused)' : ''}; you share: ${link.scopes.join(', ') || 'nothing'}`
            : `receives: ${link.scopes.map((s) => SCOPE_LABEL[s]).join(', ') || 'nothing'}`;
          return `${n}. ${otherName} — your ${link.relation} — ${receives}`;
        }
        return `${n}. ${otherName} — you are their ${link.relation}`;
      });
      return reply(['Your links:', ...lines, '', 'Change what someone receives: /share N alerts,sos,milestones,status,mood,notes', 'End a link: /unlink N'].join('\n'));
    },
  }),
};

export const shareCommand: CommandSpec = {
  name: 'share',
  summary: 'Choose what a supporter receives from you',
  usage: ['/share 1 alerts,sos,milestones,status', '/share Sam none'],
  where: 'anywhere',
  private: true,
  action: action({
    summary: 'Choose what is shared',
    options: {
      who: linkRefOption,
      scopes: { description: `Any of: ${SCOPES.join(', ')}, or none`, schema: z.string().trim().min(1).max(120), expected: `any of ${SCOPES.join(', ')}, separated by commas, or none`, positional: true, required: true },
    },
    async run(ctx, { who, scopes }) {
      const parsed = parseScopes(scopes);
      if ('unknown' in parsed) return reply(`"${parsed.unknown.slice(0, 20)}" is not something I can share. Choose from: ${SCOPES.join(', ')}, or none.`);
      const found = await findMyLink(ctx, who);
      if ('problem' in found) return reply(found.problem);
      if (found.side !== 'sharing') return reply(`${found.otherName} decides what they share with you; you can choose only what you share.`);
      await updateLink(ctx.deps.db, found.link.id, { scopes: parsed.scopes });
      const list = parsed.scopes.map((s) => SCOPE_LABEL[s]).join(', ') || 'nothing';
      return reply(`${found.otherName} now receives: ${list}. This applies from the very next message.`);
    },
  }),
};

export const unlinkCommand: CommandSpec = {
  name: 'unlink',
  summary: 'End a link with someone (they are told only that it ended)',
  usage: ['/unlink 1', '/unlink Sam'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'End a link',
    options: { who: linkRefOption },
    async run(ctx, { who }) {
      const found = await findMyLink(ctx, who);
      if ('problem' in found) return reply(found.problem);
      await updateLink(ctx.deps.db, found.link.id, { endedAt: ctx.now });
      const myName = await displayNameOf(ctx.deps.db, ctx.person.id);
      await notifyPerson(ctx.deps, found.otherId, `link:${found.link.id}:ended`, `Your link with ${myName} has ended.`, ctx.now);
      return reply(`Your link with ${found.otherName} has ended. Nothing more is shared either way.`);
    },
  }),
};
