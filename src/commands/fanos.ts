import { DateTime } from 'luxon';
import { reply, type Reply } from '../ports/reply.js';
import { myLinks, type LinkView } from '../services/links.js';
import { notifyPerson } from '../services/notify.js';
import { fanosAnswersOf, fanosRound, markFanosShared, saveFanosAnswers } from '../store/fanos.js';
import { displayNameOf } from '../store/links.js';
import { updatePerson } from '../store/people.js';
import type { CommandContext } from '../services/context.js';
import { action, type CommandSpec } from './spec.js';

/** FANOS: Feelings, Affirmation, Needs, Ownership, Sobriety/Struggles — each writes privately. */
export const FANOS_STEPS = ['feelings', 'affirmation', 'needs', 'ownership', 'sobriety'] as const;
export type FanosStep = (typeof FANOS_STEPS)[number];
export const FANOS_ANSWER_MAX = 1000;

const QUESTION: Record<FanosStep, string> = {
  feelings: 'F — Feelings: what are you feeling today?',
  affirmation: 'A — Affirmation: something you appreciate about your partner.',
  needs: 'N — Needs: one thing you need this week.',
  ownership: 'O — Ownership: something you take responsibility for.',
  sobriety: 'S — Sobriety or struggles: how your own healing is going.',
};

/** A round is a week: both partners' answers within one ISO week are shared together. */
function roundOf(ctx: CommandContext): string {
  return DateTime.fromJSDate(ctx.now, { zone: ctx.person.timezone }).toFormat("kkkk-'W'WW");
}

async function readyPartnerLink(ctx: CommandContext): Promise<LinkView | { problem: string }> {
  const partner = (await myLinks(ctx)).filter((l) => l.link.relation === 'partner');
  if (partner.length === 0) return { problem: 'FANOS is a shared check-in for couples; you are not linked with a partner here.' };
  const open = partner.find((l) => l.link.ready);
  if (!open) return { problem: 'Shared check-ins open only when the betrayed partner says they are ready (/ready). Until then, this space is for each of you, separately.' };
  return open;
}

export const fanosCommand: CommandSpec = {
  name: 'fanos',
  summary: 'A shared FANOS check-in with your partner (when they are ready)',
  usage: ['/fanos'],
  where: 'dm-only',
  private: true,
  action: action({
    summary: 'Start a FANOS check-in',
    options: {},
    async run(ctx) {
      const found = await readyPartnerLink(ctx);
      if ('problem' in found) return reply(found.problem);
      const round = roundOf(ctx);
      await updatePerson(ctx.deps.db, ctx.person.id, { awaiting: { kind: 'fanos', linkId: found.link.id, round, step: 0 } });
      return reply(`A FANOS check-in, for this week. Write each answer as a message; ${found.otherName} sees nothing until you have both written.\n\n${QUESTION.feelings}`);
    },
  }),
};

/** One typed answer in a FANOS round; shares both sides once both are complete. */
export async function answerFanos(ctx: CommandContext, a: { linkId: string; round: string; step: number }, text: string): Promise<Reply[]> {
  const { db, seal } = ctx.deps;
  const found = (await myLinks(ctx)).find((l) => l.link.id === a.linkId && l.link.ready);
  if (!found) return [reply('Shared check-ins are closed right now, so nothing was saved or shared.')];
  const answer = text.trim();
  if (answer.length === 0 || answer.length > FANOS_ANSWER_MAX) {
    await updatePerson(db, ctx.person.id, { awaiting: { kind: 'fanos', ...a } });
    return [reply(`Please write a few words, up to ${FANOS_ANSWER_MAX} characters.\n${QUESTION[FANOS_STEPS[a.step]!]}`)];
  }
  const answers = { ...(await fanosAnswersOf(db, seal, a.linkId, ctx.person.id, a.round)), [FANOS_STEPS[a.step]!]: answer };
  await saveFanosAnswers(db, seal, { linkId: a.linkId, personId: ctx.person.id, round: a.round, answers }, ctx.now);
  const next = a.step + 1;
  if (next < FANOS_STEPS.length) {
    await updatePerson(db, ctx.person.id, { awaiting: { kind: 'fanos', linkId: a.linkId, round: a.round, step: next } });
    return [reply(QUESTION[FANOS_STEPS[next]!])];
  }
  await updatePerson(db, ctx.person.id, { awaiting: null });
  return [reply(await shareIfBothWrote(ctx, found, a.round))];
}

async function shareIfBothWrote(ctx: CommandContext, found: LinkView, round: string): Promise<string> {
  const { db, seal } = ctx.deps;
  const complete = (await fanosRound(db, seal, found.link.id, round)).filter((r) => Object.keys(r.answers).length === FANOS_STEPS.length);
  if (complete.length < 2) return `Thank you. Your answers are saved privately; I will share both once ${found.otherName} has written theirs.`;
  if (complete.some((r) => r.sharedAt)) return 'Thank you. This week\'s answers were already shared.';
  const text = async (personId: string) => {
    const ans = complete.find((c) => c.personId === personId)!.answers as Record<FanosStep, string>;
    return [`${await displayNameOf(db, personId)}:`, ...FANOS_STEPS.map((s) => `${s[0]!.toUpperCase()} — ${ans[s]}`)].join('\n');
  };
  const both = `Your shared FANOS check-in for ${round}.\n\n${await text(found.link.personId)}\n\n${await text(found.link.supporterId)}`;
  for (const personId of [found.link.personId, found.link.supporterId]) {
    // Each copy carries the other's words: it is "about" them, so their /delete removes it too,
    // and it goes only while the partner's /ready still stands.
    const other = personId === found.link.personId ? found.link.supporterId : found.link.personId;
    await notifyPerson(ctx.deps, personId, `fanos:${found.link.id}:${round}:${personId}`, both, ctx.now, { topic: 'fanos', aboutId: other, linkId: found.link.id });
  }
  await markFanosShared(db, found.link.id, round, ctx.now);
  return 'Thank you. You have both written, so I have shared both check-ins with you both.';
}
