import { z } from 'zod';
import { reply } from '../ports/reply.js';
import { crisisResources } from '../messages/crisis.js';
import { crisisTexts } from '../services/crisis-texts.js';
import { linkRefOption } from './parsed-schema.js';
import { action, type CommandSpec } from './spec.js';
import { discloseToSupporters } from '../services/disclose.js';
import { displayNameOf, updateLink } from '../store/links.js';
import { findMyLink } from '../services/links.js';
import { notifyPerson } from '../services/notify.js';

const COPING_STEPS = {
  recovery: [
    'Right now, one step at a time:',
    '1. Change where you are: leave the room, go outside, be where other people are.',
    '2. Put the device down or away, out of reach.',
    '3. Breathe slowly: in for 4, hold for 4, out for 6. Do it five times.',
    '4. HALT: are you Hungry, Angry, Lonely or Tired? Tend to that one thing.',
    '5. Call or text someone: your sponsor, a friend from your group, a helpline.',
    'An urge rises and falls like a wave. You do not have to act on it, and it will pass.',
  ],
  partner: [
    'Right now, for you:',
    '1. Get to a place where you feel safe.',
    '2. Breathe slowly: in for 4, hold for 4, out for 6. Feel your feet on the floor.',
    '3. Name five things you can see, four you can hear, three you can touch.',
    '4. Reach out to someone safe: a friend, your therapist, a support group.',
    'What happened is not your fault, and you do not have to carry this alone.',
  ],
  supporter: [
    'Right now:',
    '1. Breathe. You can support someone without fixing everything.',
    '2. If someone is in danger, call the local emergency number.',
    '3. Reach out to your own support: a sponsor, coach or colleague.',
  ],
} as const;

export const sosCommand: CommandSpec = {
  name: 'sos',
  summary: 'Reach out now: coping steps, crisis resources, and your supporters',
  usage: ['/sos'],
  where: 'anywhere',
  private: true,
  beforeRole: true,
  action: action({
    summary: 'Reach out now',
    options: {},
    async run(ctx) {
      const role = ctx.person.role ?? 'recovery';
      const name = await displayNameOf(ctx.deps.db, ctx.person.id);
      // SOS ignores quiet hours (urgent) and goes to everyone given the sos scope, at once.
      const reached = await discloseToSupporters(ctx.deps.db, ctx.deps.seal, ctx.person, {
        topic: 'sos', needs: ['sos'], urgent: true, key: `sos:${ctx.person.id}:${ctx.now.toISOString()}`, notBefore: ctx.now,
        text: () => `${name} is reaching out for support right now.\nA call or a message from you could help. Let them know you are there:`,
        buttons: (link) => [[{ label: "I'm reaching out", command: `/reachout ${link.id} sos` }]],
      }, ctx.now);
      const who = reached > 0
        ? `I have let ${reached === 1 ? 'your supporter' : `your ${reached} supporters`} know you need support right now.`
        : 'You have no supporters who receive SOS calls yet. When you are ready, /invite sponsor gives you a code to share with someone you trust.';
      return reply([who, '', ...COPING_STEPS[role], '', crisisResources(ctx.person.role, crisisTexts(ctx.deps.config))].join('\n'));
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
