import { z } from 'zod';
import { HEAVY_KINDS, kindWithoutWords, type HeavyKind } from '../domain/heavy-moment.js';
import { CHECK_ON_DECLINED, JUST_A_HARD_DAY } from '../messages/heavy-replies.js';
import { reply } from '../ports/reply.js';
import {
  allTheHelp, checkOnLater, crisisReply, tellSupporters, whenNotSafe, whenSafe, whenTelling,
} from '../services/heavy-moments.js';
import { findMyLink } from '../services/links.js';
import { notifyPerson } from '../services/notify.js';
import { displayNameOf, updateLink } from '../store/links.js';
import { linkRefOption } from './parsed-schema.js';
import { action, type CommandSpec } from './spec.js';

/** The answers to a crisis reply's buttons; typed, they work the same. */
const STEPS = ['safe', 'unsafe', 'tell', 'help', 'later', 'nolater', 'okay', 'notokay'] as const;

export const sosCommand: CommandSpec = {
  name: 'sos',
  summary: 'Reach out now: your supporters are told at once, and you see where to find help',
  usage: ['/sos'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  readsHeavyMoments: true,
  action: action({
    summary: 'Reach out now',
    options: {
      step: { description: 'An answer to a crisis reply', schema: z.enum(STEPS), expected: STEPS.join(', '), positional: true, hidden: true },
      kind: { description: 'Which kind of heavy moment', schema: z.enum(HEAVY_KINDS), expected: HEAVY_KINDS.join(', '), positional: true, hidden: true },
    },
    async run(ctx, { step, kind: given }) {
      const kind: HeavyKind = given ?? kindWithoutWords(ctx.person.role);
      switch (step) {
        case undefined: {
          // SOS ignores quiet hours (urgent) and goes to everyone given the sos scope, at once.
          const told = await tellSupporters(ctx, kind, false);
          return crisisReply(ctx, { kind, trigger: 'sos' }, { told });
        }
        case 'safe': return whenSafe(ctx, kind);
        case 'unsafe': return whenNotSafe(ctx, kind);
        case 'tell': return whenTelling(ctx, kind);
        case 'help': return allTheHelp(ctx, kind);
        case 'later': return checkOnLater(ctx, kind);
        case 'nolater': return reply(CHECK_ON_DECLINED);
        case 'okay': return reply(JUST_A_HARD_DAY);
        case 'notokay': return crisisReply(ctx, { kind, trigger: 'not-okay' });
      }
    },
  }),
};

/** What the person reads: words that fit what the supporter is answering. */
function reachingOutText(name: string, about: 'sos' | 'missed' | undefined): string {
  if (about === 'sos') return `${name} got your call for support and is reaching out to you now.`;
  if (about === 'missed') return `${name} noticed you have not checked in lately and is reaching out to you.\nNo pressure: a short hello back is enough.`;
  return `${name} is reaching out to you.`;
}

export const reachoutCommand: CommandSpec = {
  name: 'reachout',
  summary: "Answer an alert or SOS: tell them you're reaching out",
  usage: ['/reachout 1', '/reachout Sam'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: "Say you're reaching out",
    options: {
      who: linkRefOption,
      about: { description: 'What you are answering: sos or missed', schema: z.enum(['sos', 'missed']), expected: 'sos or missed', positional: true },
    },
    async run(ctx, { who, about }) {
      const found = await findMyLink(ctx, who);
      if ('problem' in found) return reply(found.problem);
      if (found.side !== 'supporting') return reply('This is for answering someone you support. See /links.');
      await updateLink(ctx.deps.db, found.link.id, { reachedOutAt: ctx.now });
      const myName = await displayNameOf(ctx.deps.db, ctx.person.id);
      await notifyPerson(ctx.deps, found.otherId, `reachout:${found.link.id}:${ctx.now.toISOString()}`, reachingOutText(myName, about), ctx.now, { urgent: true });
      return reply(`Thank you. I told ${found.otherName} you are reaching out. A short call or message is enough.`);
    },
  }),
};
