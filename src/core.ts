import { CommandRateLimit } from './command-rate-limit.js';
import { CATALOG, COMMANDS } from './commands/catalog.js';
import type { CommandContext, CoreDeps } from './commands/context.js';
import { answerFanos } from './commands/fanos.js';
import { parseCommandLine } from './commands/parse.js';
import type { CommandSpec } from './commands/spec.js';
import { localDateOf } from './domain/local-date.js';
import type { AccountId, Person } from './domain/person.js';
import { describeProblem } from './messages/problems.js';
import { Dispatcher } from './outbox/dispatcher.js';
import type { InboundMessage } from './ports/inbound.js';
import type { Destination, PlatformPort } from './ports/platform.js';
import { reply, type Reply } from './ports/reply.js';
import { startTickLoop } from './scheduler/loop.js';
import { tick, type TickReport } from './scheduler/tick.js';
import { resolvePerson } from './services/people.js';
import { isSqlite } from './store/database.js';
import { moveGroupChat } from './store/groups.js';
import { enqueueMessage } from './store/outbox.js';
import { findPersonByAccount, knowsDirectChat, touchAccount, updatePerson } from './store/people.js';
import { claimEvent, forgetEventsBefore } from './store/processed-events.js';

export interface Core {
  /** Handles one message; returns the replies for the person (or chat) in order. */
  handle(msg: InboundMessage): Promise<Reply[]>;
  /**
   * Writes replies to the outbox for delivery through the platform's rate-limited port,
   * for adapters whose replies are ordinary messages. `key` makes a redelivery harmless.
   */
  enqueueReplies(to: Destination, recipient: AccountId | null, replies: readonly Reply[], key: string): Promise<void>;
  /** A group's chat id changed (Telegram's upgrade to a supergroup): move the group and its queued messages. */
  moveGroupChat(oldChatId: string, newChatId: string): Promise<void>;
  /** True once the account has written to the bot in a private chat, so private answers can go there. */
  knowsDirectChat(account: AccountId): Promise<boolean>;
  /** One scheduler pass: prompts, reminders, missed check-ins, summaries. */
  tick(): Promise<TickReport>;
  readonly dispatcher: Dispatcher;
  readonly commands: readonly CommandSpec[];
  /** Starts the minute tick and the outbox dispatcher, after catching up on downtime. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createCore(deps: CoreDeps & { ports?: readonly PlatformPort[]; commandLimit?: CommandRateLimit }): Core {
  const dispatcher = new Dispatcher({ ...deps, ports: deps.ports ?? [], singleProcess: isSqlite(deps.db) });
  const limit = deps.commandLimit ?? new CommandRateLimit();
  let loop: { stop(): Promise<void> } | null = null;
  const tickOnce = async () => {
    // Sends a dead instance left half done are taken back once older than any live send.
    await dispatcher.recover();
    const report = await tick(deps);
    // A platform redelivers an update within minutes, never after a week.
    await forgetEventsBefore(deps.db, new Date(deps.clock.now().getTime() - 7 * 86_400_000));
    if (report.prompts + report.reminders + report.alerts + report.summaries + report.celebrations + report.group > 0) dispatcher.poke();
    return report;
  };
  return {
    commands: COMMANDS,
    dispatcher,
    tick: tickOnce,
    moveGroupChat: (oldId, newId) => moveGroupChat(deps.db, oldId, newId),
    knowsDirectChat: (account) => knowsDirectChat(deps.db, account),
    async handle(msg) {
      const pace = limit.take(msg.account);
      if (pace !== 'ok') {
        deps.log.warn({ event: 'command-flood', platform: msg.account.split(':')[0] }, 'an account is sending commands too fast');
        return pace === 'warn' ? [reply('That is a lot of messages at once. Please wait a few seconds; nothing was changed.')] : [];
      }
      const now = deps.clock.now();
      if (msg.idempotencyKey && !(await claimEvent(deps.db, msg.idempotencyKey, now))) {
        deps.log.debug({ event: 'duplicate-update' }, 'ignored a redelivered update');
        return [];
      }
      const { person } = await resolvePerson(deps, msg, now);
      const { wasUnreachable } = await touchAccount(deps.db, msg.account, now, msg.chat.kind === 'dm');
      const ctx: CommandContext = {
        deps, person, account: msg.account, chat: msg.chat, now, today: localDateOf(now, person.timezone),
        senderIsGroupAdmin: msg.chat.kind === 'group' && msg.senderIsGroupAdmin === true,
      };
      const text = msg.text.trim();
      const replies = !text.startsWith('/') && person.awaiting && msg.chat.kind === 'dm'
        ? await answerAwaited(ctx, person, text)
        : await runCommand(ctx, text);
      if (wasUnreachable) replies.unshift(reply(UNREACHABLE_NOTICE));
      return replies;
    },
    async enqueueReplies(to, recipient, replies, key) {
      const now = deps.clock.now();
      const person = recipient ? await findPersonByAccount(deps.db, recipient) : null;
      for (const [i, r] of replies.entries()) {
        await enqueueMessage(deps.db, deps.seal, { key: `${key}:${i}`, kind: 'reply', to, recipientId: person?.id ?? null, reply: r, notBefore: now }, now);
      }
      dispatcher.poke();
    },
    async start() {
      await dispatcher.recoverAtStart();
      await tickOnce();
      dispatcher.start();
      loop = startTickLoop(async () => { await tickOnce(); }, deps.log);
    },
    async stop() {
      await loop?.stop();
      await dispatcher.stop();
    },
  };
}

const UNREACHABLE_NOTICE = 'I could not reach you by direct message earlier, so some reminders or alerts did not arrive. I will try again from now on; if your direct messages are closed, please open them for me.';

async function runCommand(ctx: CommandContext, text: string): Promise<Reply[]> {
  const parsed = parseCommandLine(text, CATALOG);
  if (!parsed.ok) {
    // In a group, stray text is conversation between people, not meant for the bot.
    if (ctx.chat.kind === 'group' && parsed.problem.kind === 'not-a-command') return [];
    return [reply(describeProblem(parsed.problem), { private: true })];
  }
  const { spec, action, args } = parsed;
  if (spec.where === 'dm-only' && ctx.chat.kind === 'group') {
    return [reply(`/${spec.name} is private, so let's do it in a direct message with me.`, { private: false })];
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
  // Each reply says itself whether it is private; reply() makes it private unless told otherwise.
  return (Array.isArray(out) ? out : [out]).map(withinLength);
}

/** Plain text after a question the bot asked (a note, a time zone) answers that question. */
async function answerAwaited(ctx: CommandContext, person: Person, text: string): Promise<Reply[]> {
  const awaiting = person.awaiting!;
  await updatePerson(ctx.deps.db, person.id, { awaiting: null });
  if (awaiting.kind === 'timezone') return runCommand(ctx, `/timezone ${text}`);
  if (awaiting.kind === 'fanos') return answerFanos(ctx, awaiting, text);
  if (awaiting.date !== ctx.today) {
    return [reply('That note was for an earlier day, which has ended. Send /checkin note to add one for today.')];
  }
  return runCommand(ctx, `/checkin note:${text}`);
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
