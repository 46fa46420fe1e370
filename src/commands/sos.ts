import { reply } from '../ports/reply.js';
import { crisisResources } from '../messages/crisis.js';
import { crisisTexts } from '../services/crisis-texts.js';
import { action, type CommandSpec } from './spec.js';

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
      return reply([
        ...COPING_STEPS[role],
        '',
        crisisResources(ctx.person.role, crisisTexts(ctx.deps.config)),
        '',
        'You have no supporters linked yet. When you are ready, /invite sponsor gives you a code to share with someone you trust.',
      ].join('\n'));
    },
  }),
};
