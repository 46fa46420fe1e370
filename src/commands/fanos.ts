import { DateTime } from 'luxon';
import { z } from 'zod';
import { looksLikeDisclosure } from '../domain/words/disclosure.js';
import { FANOS_SAVED } from '../messages/heavy-replies.js';
import {
  FANOS_ALREADY_SHARED, FANOS_LATER, FANOS_NOTHING_TO_OPEN, FANOS_PAUSED, FANOS_QUESTION, FANOS_REVIEW_HEAD, FANOS_STEPS,
  fanosBothShared, fanosDisclosureOffer, fanosHeadsUp, fanosHeld, fanosLetter, fanosLines, fanosOwnSupport, fanosReviewFoot,
  fanosStart, fanosWaiting, type FanosStep,
} from '../messages/fanos.js';
import { reply, type Button, type Reply } from '../ports/reply.js';
import type { CommandContext } from '../services/context.js';
import { crisisWords } from '../services/crisis-texts.js';
import { crisisReply, gentleCheck } from '../services/heavy-moments.js';
import { myLinks, type LinkView } from '../services/links.js';
import { notifyPerson } from '../services/notify.js';
import {
  fanosEntryOf, fanosRound, latestSharedRound, markFanosShared, reviewFanosEntry, saveFanosAnswers, type FanosEntry,
} from '../store/fanos.js';
import { displayNameOf } from '../store/links.js';
import { updatePerson } from '../store/people.js';
import { action, type CommandSpec } from './spec.js';

export const FANOS_ANSWER_MAX = 1000;

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

/** The partner who paused receiving reads nothing of the other until they resume. */
function pausedFor(ctx: CommandContext, l: LinkView): boolean {
  return l.link.receivingPaused && l.link.supporterId === ctx.person.id;
}

/** This week's FANOS of the caller, on their open partner link; a problem when it is closed or shared already. */
async function thisWeek(ctx: CommandContext): Promise<{ l: LinkView; round: string; mine: FanosEntry | null } | { problem: Reply }> {
  const l = await readyPartnerLink(ctx);
  if ('problem' in l) return { problem: reply(l.problem) };
  const round = roundOf(ctx);
  const mine = await fanosEntryOf(ctx.deps.db, ctx.deps.seal, l.link.id, ctx.person.id, round);
  if (mine?.sharedAt) return { problem: reply(FANOS_ALREADY_SHARED, { buttons: [[{ label: 'Open it', command: '/fanos open' }]] }) };
  return { l, round, mine };
}

function isComplete(e: FanosEntry | null): boolean {
  return e !== null && FANOS_STEPS.every((s) => typeof e.answers[s] === 'string');
}

/** The whole of one's own FANOS, before anything is shared: share it, change an answer, or hold it back. */
function review(l: LinkView, e: FanosEntry): Reply {
  const disclosing = FANOS_STEPS.filter((s) => looksLikeDisclosure(e.answers[s] ?? ''));
  const edit: Button[] = FANOS_STEPS.map((s) => ({ label: `Change ${fanosLetter(s)}`, command: `/fanos edit ${s}` }));
  const text = [FANOS_REVIEW_HEAD, ...fanosLines(e.answers), ''];
  if (disclosing.length > 0) {
    text.push(fanosDisclosureOffer(disclosing, l.otherName));
    return reply(text.join('\n'), { buttons: [
      [{ label: 'Hold it for a planned talk', command: '/fanos hold planned' }],
      [{ label: 'Hold it for my therapist or coach', command: '/fanos hold professional' }],
      edit,
      [{ label: 'Share it anyway', command: '/fanos share' }],
    ] });
  }
  text.push(fanosReviewFoot(l.otherName));
  return reply(text.join('\n'), { buttons: [[{ label: 'Share it', command: '/fanos share' }, { label: 'Hold it for now', command: '/fanos hold' }], edit] });
}

/** Asks for one answer as the next typed message. */
async function ask(ctx: CommandContext, l: LinkView, round: string, step: number, editing: boolean): Promise<Reply> {
  await updatePerson(ctx.deps.db, ctx.person.id, { awaiting: { kind: 'fanos', linkId: l.link.id, round, step, ...(editing ? { editing } : {}) } });
  return reply(FANOS_QUESTION[FANOS_STEPS[step]!]);
}

export const fanosCommand: CommandSpec = {
  name: 'fanos',
  summary: 'A shared FANOS check-in with your partner (when they are ready)',
  usage: ['/fanos', '/fanos open'],
  where: 'dm-only',
  private: true,
  readsHeavyMoments: true,
  defaultSub: 'start',
  subcommands: {
    start: action({
      summary: 'Start, continue or review this week’s FANOS',
      options: {},
      async run(ctx) {
        const w = await thisWeek(ctx);
        if ('problem' in w) return w.problem;
        const { l, round, mine } = w;
        if (mine && isComplete(mine)) return review(l, mine);
        if (!mine) {
          await updatePerson(ctx.deps.db, ctx.person.id, { awaiting: { kind: 'fanos', linkId: l.link.id, round, step: 0 } });
          return reply(fanosStart(l.otherName));
        }
        return ask(ctx, l, round, FANOS_STEPS.findIndex((s) => mine.answers[s] === undefined), false);
      },
    }),
    share: action({
      summary: 'Share your FANOS (it goes once you have both shared)',
      options: {},
      async run(ctx) {
        const w = await thisWeek(ctx);
        if ('problem' in w) return w.problem;
        const { l, round, mine } = w;
        if (!isComplete(mine)) return reply('Your FANOS for this week is not complete yet: /fanos continues it.');
        await reviewFanosEntry(ctx.deps.db, { linkId: l.link.id, personId: ctx.person.id, round }, { ready: ctx.now });
        return shareIfBothReady(ctx, l, round);
      },
    }),
    edit: action({
      summary: 'Change one answer',
      options: {
        step: { description: 'Which answer', schema: z.enum(FANOS_STEPS), expected: FANOS_STEPS.join(', '), positional: true, required: true },
      },
      async run(ctx, { step }) {
        const w = await thisWeek(ctx);
        if ('problem' in w) return w.problem;
        const { l, round, mine } = w;
        const now = mine?.answers[step];
        const q = await ask(ctx, l, round, FANOS_STEPS.indexOf(step as FanosStep), true);
        return reply(now ? `${q.text}\nNow: ${now}\nWrite the new answer as your next message.` : q.text);
      },
    }),
    hold: action({
      summary: 'Hold your FANOS back for now',
      options: {
        why: { description: 'planned (a planned talk) or professional (with a therapist or coach)', schema: z.enum(['planned', 'professional']), expected: 'planned or professional', positional: true },
      },
      async run(ctx, { why }) {
        const w = await thisWeek(ctx);
        if ('problem' in w) return w.problem;
        const { l, round, mine } = w;
        if (!mine) return reply('There is nothing written for this week yet: /fanos starts it.');
        await reviewFanosEntry(ctx.deps.db, { linkId: l.link.id, personId: ctx.person.id, round }, { held: ctx.now, reason: why ?? null });
        return reply(fanosHeld(l.otherName, why ?? null));
      },
    }),
    open: action({
      summary: 'Open the shared check-in',
      options: {},
      async run(ctx) {
        const l = await readyPartnerLink(ctx);
        if ('problem' in l) return reply(l.problem);
        if (pausedFor(ctx, l)) return reply(FANOS_PAUSED);
        const entries = await latestSharedRound(ctx.deps.db, ctx.deps.seal, l.link.id);
        if (entries.length < 2) return reply(FANOS_NOTHING_TO_OPEN);
        const block = async (e: FanosEntry) => [`${await displayNameOf(ctx.deps.db, e.personId)}:`, ...fanosLines(e.answers)].join('\n');
        const theirs = entries.find((e) => e.personId !== ctx.person.id)!;
        const mine = entries.find((e) => e.personId === ctx.person.id)!;
        return reply([`Your shared FANOS check-in for ${theirs.round}.`, await block(theirs), await block(mine), fanosOwnSupport(ctx.person.role)].join('\n\n'));
      },
    }),
    later: action({
      summary: 'Open the shared check-in later',
      options: {},
      async run() {
        return reply(FANOS_LATER);
      },
    }),
  },
};

/**
 * Shares a round once both have seen theirs whole and chosen to share it: the other gets a
 * heads-up first (the content only when they open it), and never while they paused receiving.
 */
async function shareIfBothReady(ctx: CommandContext, l: LinkView, round: string): Promise<Reply> {
  const { db, seal } = ctx.deps;
  const entries = await fanosRound(db, seal, l.link.id, round);
  const ready = entries.filter((e) => e.readyAt !== null && isComplete(e));
  if (ready.length < 2) return reply(fanosWaiting(l.otherName));
  if (!(await markFanosShared(db, l.link.id, round, ctx.now))) return reply(FANOS_ALREADY_SHARED);
  const myName = await displayNameOf(db, ctx.person.id);
  // The heads-up carries no words, but it is about the writer: their /delete removes it, and it goes only while /ready stands.
  await notifyPerson(ctx.deps, l.otherId, `fanos-heads-up:${l.link.id}:${round}:${l.otherId}`, fanosHeadsUp(myName), ctx.now, {
    topic: 'fanos', aboutId: ctx.person.id, linkId: l.link.id,
    buttons: [[{ label: 'Open now', command: '/fanos open' }, { label: 'Later', command: '/fanos later' }]],
  });
  if (pausedFor(ctx, l)) return reply(`${fanosBothShared(l.otherName)}\n${FANOS_PAUSED}`);
  return reply(fanosBothShared(l.otherName), { buttons: [[{ label: 'Open now', command: '/fanos open' }, { label: 'Later', command: '/fanos later' }]] });
}

/** One typed answer in a FANOS round; after the last (or an edit), the whole of it to review. */
export async function answerFanos(ctx: CommandContext, a: { linkId: string; round: string; step: number; editing?: boolean }, text: string): Promise<Reply[]> {
  const { db, seal } = ctx.deps;
  const l = (await myLinks(ctx)).find((x) => x.link.id === a.linkId && x.link.ready);
  if (!l) return [reply('Shared check-ins are closed right now, so nothing was saved or shared.')];
  const answer = text.trim();
  if (answer.length === 0 || answer.length > FANOS_ANSWER_MAX) {
    await updatePerson(db, ctx.person.id, { awaiting: { kind: 'fanos', ...a } });
    return [reply(`Please write a few words, up to ${FANOS_ANSWER_MAX} characters.\n${FANOS_QUESTION[FANOS_STEPS[a.step]!]}`)];
  }
  const before = await fanosEntryOf(db, seal, a.linkId, ctx.person.id, a.round);
  if (before?.sharedAt) return [reply(FANOS_ALREADY_SHARED)];
  const answers = { ...(before?.answers ?? {}), [FANOS_STEPS[a.step]!]: answer };
  await saveFanosAnswers(db, seal, { linkId: a.linkId, personId: ctx.person.id, round: a.round, answers }, ctx.now);
  // Crisis words are heard first: the FANOS waits (the next message is not taken as an answer).
  const words = crisisWords(ctx.deps.config)(answer);
  if (words?.certainty === 'clear') return [await crisisReply(ctx, { kind: words.kind, trigger: 'words' }, { saved: FANOS_SAVED })];
  const gentle = words ? [gentleCheck(words.kind)] : [];
  const next = FANOS_STEPS.findIndex((s) => answers[s] === undefined);
  if (!a.editing && next >= 0) return [await ask(ctx, l, a.round, next, false), ...gentle];
  const entry = await fanosEntryOf(db, seal, a.linkId, ctx.person.id, a.round);
  return [entry && isComplete(entry) ? review(l, entry) : await ask(ctx, l, a.round, next, false), ...gentle];
}
