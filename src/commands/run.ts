import { reply, type Reply } from '../ports/reply.js';
import type { AnswerPlan, FormView } from '../ports/answer.js';
import type { ChatRef, PressedMessage } from '../ports/inbound.js';
import type { CommandContext } from '../services/context.js';
import type { AnswerAbilities } from '../services/reply-routing.js';
import { updatePerson } from '../store/people.js';
import { CATALOG } from './catalog.js';
import { withHeavyMoment } from './crisis-reply.js';
import { answerFanos } from './fanos.js';
import { ownEntry, parseCommandLine, type ParseResult } from './parse.js';
import { describeProblem } from './problems.js';
import { optionKind, type FormSpec } from './spec.js';

export type ParsedCommand = Extract<ParseResult, { ok: true }>;

/** The one-line form parsed against the catalog. */
export function parseCommand(text: string): ParseResult {
  return parseCommandLine(text, CATALOG);
}

/** Runs a command line for the person in `ctx`; every answer says itself whether it is private. */
export async function runCommand(ctx: CommandContext, text: string, parsed: ParseResult = parseCommand(text)): Promise<Reply[]> {
  if (!parsed.ok) {
    // In a group, stray text is conversation between people, not meant for the bot.
    if (ctx.chat.kind === 'group' && parsed.problem.kind === 'not-a-command') return [];
    // Words written to the bot alone are heard first: a crisis reply rather than "that is not a command".
    if (parsed.problem.kind === 'not-a-command') {
      const heard = await withHeavyMoment(ctx, text, []);
      if (heard.length > 0) return heard;
    }
    return [reply(describeProblem(parsed.problem), { private: true })];
  }
  const { spec, action, args } = parsed;
  if (spec.where === 'dm-only' && ctx.chat.kind === 'group') {
    return [reply(`/${spec.name} is private, so let's do it in a direct message with me.`)];
  }
  if (spec.where === 'group-only' && ctx.chat.kind === 'dm') {
    return [reply(`/${spec.name} works in a group chat.`)];
  }
  if (!spec.beforeRole && ctx.person.role === null) {
    return [reply('First, tell me which of these fits you, so I can ask the right questions:', {
      buttons: [[{ label: 'In recovery', command: '/role recovery' }, { label: 'Partner', command: '/role partner' }, { label: 'Supporter', command: '/role supporter' }]],
    })];
  }
  ctx.deps.log.info({ event: 'command', command: spec.name, sub: parsed.sub }, 'command');
  const out = await action.run(ctx, args as never);
  const replies = (Array.isArray(out) ? out : [out]).map(withinLength);
  return spec.readsHeavyMoments ? replies : withHeavyMoment(ctx, text, replies);
}

/** Plain text after a question the bot asked (a note, a time zone) answers that question. */
export async function answerAwaited(ctx: CommandContext, text: string): Promise<Reply[]> {
  const awaiting = ctx.person.awaiting!;
  await updatePerson(ctx.deps.db, ctx.person.id, { awaiting: null });
  if (awaiting.kind === 'timezone') {
    // Not a time zone but a heavy moment: heard as that, and the words never echoed back as a bad zone.
    const heard = await withHeavyMoment(ctx, text, []);
    return heard.length > 0 ? heard : runCommand(ctx, `/timezone ${text}`);
  }
  if (awaiting.kind === 'invite-code') return runCommand(ctx, `/accept code:${text}`);
  if (awaiting.kind === 'fanos') return answerFanos(ctx, awaiting, text);
  if (awaiting.date !== ctx.today) {
    return [reply('That note was for an earlier day, which has ended. Send /checkin note to add one for today.')];
  }
  return runCommand(ctx, `/checkin note:${text}`);
}

/**
 * What a platform needs to know before the answer exists: whether the line opens a form,
 * whether the answer replaces the pressed message, and whether it will be seen by the sender alone.
 */
export function planAnswer(text: string, chat: ChatRef, pressed: PressedMessage | undefined, can: AnswerAbilities): AnswerPlan {
  const parsed = parseCommand(text);
  const spec = parsed.ok ? parsed.spec : null;
  return {
    form: parsed.ok && can.asksWithForms ? formOf(parsed) : null,
    editsInPlace: Boolean(spec?.editsInPlace && pressed?.seenBySenderOnly && can.editsMessages),
    senderOnly: chat.kind === 'group' && can.answersInline && can.ephemeral && (!spec || spec.private || spec.where === 'dm-only'),
  };
}

/** The form a parsed line opens: the one whose options are exactly those given. */
function matchingForm(p: ParsedCommand): FormSpec | undefined {
  const given = Object.entries(p.args).filter(([, v]) => v !== undefined);
  return p.action.forms?.find((f) => given.length === Object.keys(f.opensWith).length
    && given.every(([k, v]) => Object.hasOwn(f.opensWith, k) && f.opensWith[k] === v));
}

function formOf(p: ParsedCommand): FormView | null {
  const form = matchingForm(p);
  if (!form) return null;
  const fills = p.action.options[form.fills];
  const kind = fills ? optionKind(fills.schema) : null;
  // The line as a person would type it: `/checkin note`, `/timezone`.
  const given = Object.entries(form.opensWith).map(([k, v]) => (p.action.options[k]?.positional ? v : `${k}:${v}`));
  const id = [`/${p.spec.name}`, ...(p.sub ? [p.sub] : []), ...given].join(' ');
  return {
    id, title: form.title, label: form.label, placeholder: form.placeholder, long: form.long ?? false,
    maxLength: kind?.type === 'string' && kind.maxLength ? kind.maxLength : 1000,
  };
}

/** The command line a submitted form stands for; null for a form this bot does not have. */
export function formAnswer(formId: string, text: string): string | null {
  const parsed = parseCommand(formId);
  const typed = text.trim();
  const form = parsed.ok ? matchingForm(parsed) : undefined;
  if (!parsed.ok || !form || typed === '') return null;
  return [`/${parsed.spec.name}`, ...(parsed.sub ? [parsed.sub] : []), `${form.fills}:${typed}`].join(' ');
}

/** Values to offer for an option while the person types it (autocomplete). */
export function suggestions(command: string, sub: string | null, option: string, typed: string): readonly string[] {
  const spec = CATALOG.get(command);
  const a = sub ? (spec?.subcommands ? ownEntry(spec.subcommands, sub) : undefined) : spec?.action;
  const o = a ? ownEntry(a.options, option) : undefined;
  return o?.suggest?.(typed) ?? [];
}

/** The longest reply text, within every platform's limit for one message (Telegram: 4,096). */
export const MAX_REPLY_LENGTH = 4_000;

/** A long list (many goals, boundaries, circles) is cut at a line, pointing to the full export. */
function withinLength(r: Reply): Reply {
  if (r.text.length <= MAX_REPLY_LENGTH) return r;
  const tail = '\n… (more than fits in one message: /export has all of it)';
  const room = MAX_REPLY_LENGTH - tail.length;
  const cut = r.text.lastIndexOf('\n', room);
  return { ...r, text: r.text.slice(0, cut > room / 2 ? cut : room) + tail };
}
