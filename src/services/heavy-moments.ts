/**
 * Heavy moments: the crisis reply of its own, and what follows from its buttons. The reply
 * acknowledges what the person said, shows the help that fits (emergency number and lines
 * first), asks "Are you safe right now?", and offers one tap to tell the supporters who
 * receive SOS calls — naming them, or saying honestly that nobody can be told yet.
 *
 * The full help comes once a day per kind of moment; later the same day a short line and a
 * button for all of it. The wording rotates through a few variants.
 */
import { DateTime } from 'luxon';
import { checkOnTime, type HeavyKind, type HeavyMoment } from '../domain/heavy-moment.js';
import { emergencyNumber } from '../messages/crisis-lines.js';
import { fullHelp, HELP_VARIANTS, shortHelp } from '../messages/heavy-help.js';
import {
  acknowledgement, afterNotSafe, afterTelling, CHECK_ON_MESSAGE, checkOnConfirmed, CHECK_ON_NOT_TODAY, GENTLE_CHECK, gladYoureSafe,
  REACH_OUT_LABEL, SAFE_QUESTION, supportAlert, tellButtonLabel, toldAfterSos, whoCanBeTold,
} from '../messages/heavy-replies.js';
import { reply, type Button, type Reply } from '../ports/reply.js';

import { rememberedMoment, rememberMoment } from '../store/heavy-moments.js';
import { displayNameOf, sharingLinks, type Link } from '../store/links.js';
import { enqueueMessage } from '../store/outbox.js';
import { homeAccount } from '../store/people.js';
import type { CommandContext } from './context.js';
import { ownCrisisText } from './crisis-texts.js';
import { discloseToSupporters, receivingLinks, type Audience } from './disclose.js';

/** Every answer in a heavy moment goes first and is never held back by a flood budget. */
const heavyReply = (text: string, opts: Parameters<typeof reply>[1] = {}): Reply => reply(text, { ...opts, urgent: true });

/** Who can be told in a heavy moment: their names, and whether the person shares with anyone at all. */
export interface Receivers {
  names: string[];
  linked: boolean;
}

/**
 * Supporters given the SOS scope (consent, as for /sos), reachable now. When the moment is
 * about safety from another person, a linked partner is never told: they may be that person.
 */
function sosAudience(kind: HeavyKind): Audience {
  return { needs: ['sos'], ...(kind === 'safety' ? { only: (l: Link) => l.relation !== 'partner' } : {}) };
}

export async function sosReceivers(ctx: CommandContext, kind: HeavyKind): Promise<Receivers> {
  const { db } = ctx.deps;
  const links = await receivingLinks(db, ctx.person.id, sosAudience(kind));
  const names: string[] = [];
  for (const { link } of links) names.push(await displayNameOf(db, link.supporterId, 'your supporter'));
  return { names, linked: (await sharingLinks(db, ctx.person.id)).length > 0 };
}

/** Tells them at once: urgent (through quiet hours), as SOS. Returns who was told. */
export async function tellSupporters(ctx: CommandContext, kind: HeavyKind, notSafe: boolean): Promise<Receivers> {
  const { db, seal } = ctx.deps;
  const who = await sosReceivers(ctx, kind);
  if (who.names.length === 0) return who;
  const name = await displayNameOf(db, ctx.person.id);
  await discloseToSupporters(db, seal, ctx.person, {
    ...sosAudience(kind), topic: 'sos', urgent: true, notBefore: ctx.now,
    key: `${notSafe ? 'not-safe' : 'sos'}:${ctx.person.id}:${ctx.now.toISOString()}`,
    text: () => supportAlert(name, notSafe),
    buttons: (link) => [[{ label: REACH_OUT_LABEL, command: `/reachout ${link.id} sos` }]],
  }, ctx.now);
  return who;
}

export interface CrisisReplyOptions {
  /** A line saying what was kept (a check-in, FANOS answers) and how to finish it later. */
  saved?: string | null;
  /** After /sos: who was told already (the reply then offers no second tap). */
  told?: Receivers;
}

function safeButtons(kind: HeavyKind): Button[] {
  return [{ label: "I'm safe right now", command: `/sos safe ${kind}` }, { label: "I'm not safe", command: `/sos unsafe ${kind}` }];
}

/** The crisis reply of its own. */
export async function crisisReply(ctx: CommandContext, moment: HeavyMoment, opts: CrisisReplyOptions = {}): Promise<Reply> {
  const { db } = ctx.deps;
  const { kind, trigger } = moment;
  const memory = await rememberedMoment(db, ctx.deps.seal, ctx.person.id, ctx.today, kind);
  const full = !memory.today;
  const variant = memory.lastVariant === null ? 0 : (memory.lastVariant + 1) % HELP_VARIANTS;
  await rememberMoment(db, ctx.deps.seal, ctx.person.id, ctx.today, kind, variant, ctx.now);

  const opening = [acknowledgement(kind, trigger, variant)];
  if (opts.told) opening.push(toldAfterSos(opts.told.names, opts.told.linked));
  const help = full ? helpText(ctx, kind, variant) : shortHelpText(ctx, kind);
  const question = [SAFE_QUESTION];
  const buttons: Button[][] = [safeButtons(kind)];
  if (!opts.told) {
    const who = await sosReceivers(ctx, kind);
    question.push(whoCanBeTold(who.names, who.linked));
    if (who.names.length > 0) buttons.push([{ label: tellButtonLabel(who.names), command: `/sos tell ${kind}` }]);
  }
  if (!full) buttons.push([{ label: 'Show all the help', command: `/sos help ${kind}` }]);
  const parts = [opening.join(' '), help, question.join('\n'), ...(opts.saved ? [opts.saved] : [])];
  return heavyReply(parts.join('\n\n'), { buttons });
}

function helpText(ctx: CommandContext, kind: HeavyKind, variant: number): string {
  return ownCrisisText(ctx.deps.config, kind, ctx.person.role) ?? fullHelp(kind, ctx.person.role, ctx.deps.config.crisisRegions, variant).join('\n');
}

/** The short version: an admin's text by its first line (documented: put the most important line first). */
function shortHelpText(ctx: CommandContext, kind: HeavyKind): string {
  const own = ownCrisisText(ctx.deps.config, kind, ctx.person.role);
  return own ? own.split('\n').find((l) => l.trim() !== '')!.trim() : shortHelp(kind, ctx.deps.config.crisisRegions);
}

/** "Show all the help": the whole of it, asked for, with the question again. */
export async function allTheHelp(ctx: CommandContext, kind: HeavyKind): Promise<Reply> {
  const who = await sosReceivers(ctx, kind);
  const buttons: Button[][] = [safeButtons(kind)];
  if (who.names.length > 0) buttons.push([{ label: tellButtonLabel(who.names), command: `/sos tell ${kind}` }]);
  return heavyReply([helpText(ctx, kind, 0), SAFE_QUESTION].join('\n\n'), { buttons });
}

/** "I'm not safe": the SOS supporters are told at once, and the person hears who was told. */
export async function whenNotSafe(ctx: CommandContext, kind: HeavyKind): Promise<Reply> {
  const who = await tellSupporters(ctx, kind, true);
  const lines = [afterNotSafe(who.names, emergencyNumber(ctx.deps.config.crisisRegions))];
  if (kind === 'safety' || who.names.length === 0) lines.push(shortHelp(kind, ctx.deps.config.crisisRegions));
  return heavyReply(lines.join('\n'));
}

/** The one tap to tell supporters. */
export async function whenTelling(ctx: CommandContext, kind: HeavyKind): Promise<Reply> {
  const who = await tellSupporters(ctx, kind, false);
  return heavyReply(afterTelling(who.names, who.linked));
}

function localTime(ctx: CommandContext, at: Date): string {
  return DateTime.fromJSDate(at, { zone: ctx.person.timezone }).toFormat('HH:mm');
}

/** "I'm safe right now": a short, warm word and an offer to check on them later today. */
export function whenSafe(ctx: CommandContext, kind: HeavyKind): Reply {
  const at = checkOnTime(ctx.now, ctx.person.timezone, ctx.person.quiet);
  const variant = Math.floor(ctx.deps.random() * 3);
  if (!at) return heavyReply(gladYoureSafe(variant, null));
  return heavyReply(gladYoureSafe(variant, localTime(ctx, at)), {
    buttons: [[{ label: 'Yes, check on me', command: `/sos later ${kind}` }, { label: 'No, thank you', command: '/sos nolater' }]],
  });
}

/** Queues the check later today that the person asked for (one a day). */
export async function checkOnLater(ctx: CommandContext, kind: HeavyKind): Promise<Reply> {
  const at = checkOnTime(ctx.now, ctx.person.timezone, ctx.person.quiet);
  const to = await homeAccount(ctx.deps.db, ctx.person.id);
  if (!at || !to) return heavyReply(CHECK_ON_NOT_TODAY);
  await enqueueMessage(ctx.deps.db, ctx.deps.seal, {
    key: `check-on:${ctx.person.id}:${ctx.today}`, topic: 'check-on', to: { chatId: to, kind: 'dm' }, recipientId: ctx.person.id,
    reply: heavyReply(CHECK_ON_MESSAGE, { buttons: [[{ label: "I'm okay", command: '/sos okay' }, { label: 'Not so good', command: `/sos notokay ${kind}` }]] }),
    notBefore: at,
  }, ctx.now);
  return heavyReply(checkOnConfirmed(localTime(ctx, at)));
}

/** When words only might mean a heavy moment: a gentle question, nothing more. */
export function gentleCheck(kind: HeavyKind): Reply {
  return heavyReply(GENTLE_CHECK, {
    buttons: [[{ label: 'Just a hard day', command: '/sos okay' }, { label: "I'm not okay", command: `/sos notokay ${kind}` }]],
  });
}
