import { randomUUID } from 'node:crypto';
import { COMMANDS } from './commands/catalog.js';
import { answerAwaited, formAnswer, parseCommand, planAnswer, runCommand, suggestions } from './commands/run.js';
import type { CommandSpec } from './commands/spec.js';
import { localDateOf } from './domain/local-date.js';
import { platformOf } from './domain/platform-id.js';
import {
  ADDED_TO_GROUP, ANONYMOUS_SENDER, ONLY_TEXT, OPEN_PRIVATE_CHAT, SOMETHING_WENT_WRONG, TOO_FAST, WAS_UNREACHABLE,
} from './messages/platform-notices.js';
import { guardDepartures } from './outbox/departure-guard.js';
import { Dispatcher } from './outbox/dispatcher.js';
import type { Answer, AnswerPlan } from './ports/answer.js';
import { isNotice, type ChatRef, type InboundEvent, type InboundMessage, type PlatformNotice } from './ports/inbound.js';
import type { PlatformPort } from './ports/platform.js';
import { reply, type Reply } from './ports/reply.js';
import { startTickLoop } from './scheduler/loop.js';
import { tick, type TickReport } from './scheduler/tick.js';
import { CommandRateLimit } from './services/command-pace.js';
import type { CommandContext, CoreDeps } from './services/context.js';
import { resolvePerson } from './services/people.js';
import { INLINE_ONLY, routeReply, type AnswerAbilities, type Asker } from './services/reply-routing.js';
import { GroupAnswerBudget, ChatAnswerQueue } from './services/reply-budget.js';
import { isSqlite } from './store/database.js';
import { leaveGroup, moveGroupChat } from './store/groups.js';
import { enqueueMessage, recoverInterrupted } from './store/outbox.js';
import { findPersonByAccount, knowsDirectChat, personIdOfAccount, touchAccount } from './store/people.js';
import { claimEvent, forgetEventsBefore } from './store/processed-events.js';
import { flushErasedPages, pruneOutbox } from './store/retention.js';
import { startLeadership, type Leadership } from './store/leadership.js';
import type { StorageTarget } from './config.js';

export interface Core {
  /**
   * Handles one event. Returns the answers to show where it happened, already addressed; any
   * answer that goes elsewhere, or on a platform that does not answer inline, the core has
   * written to the outbox itself.
   */
  handle(event: InboundEvent): Promise<Answer[]>;
  /** What a platform must prepare before the answer exists (a form to open, an in-place edit, a hidden reply). */
  plan(msg: InboundMessage): AnswerPlan;
  /** The command line a submitted form stands for; null for a form this bot does not have. */
  formAnswer(formId: string, text: string): string | null;
  /** Values to offer for an option while the person types (autocomplete). */
  suggest(command: string, sub: string | null, option: string, typed: string): readonly string[];
  /** One scheduler pass: prompts, reminders, missed check-ins, summaries. */
  tick(): Promise<TickReport>;
  readonly dispatcher: Dispatcher;
  readonly commands: readonly CommandSpec[];
  /** Whether this instance sends this platform's messages now (false: another instance is its one sender, or it has no port here). */
  sends(platform: string): boolean;
  /** Starts the minute tick and the outbox dispatcher, after catching up on downtime. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Several instances on one PostgreSQL database and one bot token share one platform budget:
 * each platform has one sender, elected by an advisory lock as the poller is. Every instance
 * still ticks and enqueues.
 */
export interface SenderElection {
  storage: StorageTarget;
  /** How often a standby tries to take over; a dead sender is replaced within about this long (default 2 s). */
  intervalMs?: number;
  /** The lock's name for a platform (default `<platform>-sender`). */
  lockName?: (platform: string) => string;
}

/** A new sender waits this long before its first send: the platform still counts the previous sender's last second. */
const SENDER_GRACE_MS = 1_100;

/** How often a tick also forgets old events and prunes delivered messages. */
const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

export function createCore(deps: CoreDeps & { ports?: readonly PlatformPort[]; commandLimit?: CommandRateLimit; senders?: SenderElection }): Core {
  const ports = new Map((deps.ports ?? []).map((p) => [p.platform, p]));
  // On SQLite one process owns the database and sends everything: no election.
  const election = deps.senders?.storage.kind === 'postgres' ? deps.senders : null;
  const led = new Set<string>();
  const elections: Leadership[] = [];
  let stopping = false;
  const dispatcher = new Dispatcher({
    ...deps, ports: [...ports.values()].map((p) => guardDepartures(p)), singleProcess: isSqlite(deps.db), ...(election ? { leads: (p: string) => led.has(p) } : {}),
  });
  const limit = deps.commandLimit ?? new CommandRateLimit();
  let loop: { stop(): Promise<void> } | null = null;
  const abilitiesOf = (account: string): AnswerAbilities => {
    const port = ports.get(platformOf(account));
    return port
      ? { answersInline: port.answersInline === true, ephemeral: port.ephemeral === true, editsMessages: port.editsMessages === true, asksWithForms: port.asksWithForms === true }
      : INLINE_ONLY;
  };
  /** When the housekeeping below last ran (simulated time: a clock moved by days runs it at once). */
  let tidiedAt = -Infinity;
  const tickOnce = async () => {
    // Sends a dead instance left half done are taken back once older than any live send.
    await dispatcher.recover();
    const report = await tick(deps);
    // Housekeeping every ten minutes, not every minute: retention counts in days, and these
    // four statements were most of what a tick with nothing due cost (issue 14, bench (a)).
    const now = deps.clock.now().getTime();
    if (now - tidiedAt >= HOUSEKEEPING_EVERY_MS || now < tidiedAt) {
      tidiedAt = now;
      // A platform redelivers an update within minutes, never after a week.
      await forgetEventsBefore(deps.db, new Date(now - 7 * 86_400_000));
      await pruneOutbox(deps.db, deps.clock.now(), deps.config.retention);
    }
    // Free when nothing was erased; after an erasure the WAL keeps no copy past this tick.
    await flushErasedPages(deps.db);
    if (report.prompts + report.reminders + report.alerts + report.summaries + report.celebrations + report.group > 0) dispatcher.poke();
    return report;
  };

  // Public answers in a group are budgeted per group (services/reply-budget.ts); private ones never are.
  const groupBudget = new GroupAnswerBudget();
  const answerQueue = new ChatAnswerQueue(groupBudget.limits.queuedAnswersPerChat);
  /** Sends each reply where the one routing rule says, and returns those shown inline. */
  const deliver = async (event: Delivery, replies: readonly Reply[]): Promise<Answer[]> => {
    const can = abilitiesOf(event.platformOf);
    const asker = await askerOf(event, can, replies.some((r) => r.private));
    const answers: Answer[] = [];
    const now = deps.clock.now();
    let queued = 0;
    let noted = false;
    /** The answers queued here, per chat they wait for. */
    const waiting = new Map<string, string[]>();
    // Read after the command ran: /delete erased the person, /link joined the account to another one.
    let sender: Promise<string | null> | null = null;
    const senderNow = () => (sender ??= event.account ? personIdOfAccount(deps.db, event.account) : Promise.resolve(null));
    for (const [i, r] of replies.entries()) {
      let route = routeReply(r.private, asker, can);
      let shown = r;
      // The note that stands in for a private answer (here, or already in the command's place) belongs to its asker.
      let standIn = r.text === OPEN_PRIVATE_CHAT;
      if (route.via === 'open-private-chat') {
        if (noted) continue;
        noted = standIn = true;
        shown = reply(OPEN_PRIVATE_CHAT, { private: false });
        route = routeReply(false, asker, can);
      }
      if (event.chat.kind === 'group' && !shown.private) {
        const d = await groupBudget.decide(event.chat.id, shown, {
          account: event.account, standIn, privately: async () => routeReply(true, await askerOf(event, can, true), can),
        }, now.getTime());
        if (d.then === 'quiet') continue;
        if (d.then === 'privately') [route, shown] = [d.route, d.reply];
        else if (d.then === 'note') shown = d.reply;
      }
      if (route.via === 'inline') {
        answers.push({ ...shown, visibility: route.visibility });
      } else if (route.via === 'outbox') {
        const replaces = i === 0 && event.replaces && route.to.chatId === event.chat.id ? event.replaces : null;
        const key = `${event.key}:${i}`;
        await enqueueMessage(deps.db, deps.seal, {
          key, topic: 'answer', to: route.to, recipientId: route.toSender ? await senderNow() : null,
          aboutId: shown.aboutPerson ?? null, reply: shown, replaces, notBefore: now, urgent: shown.urgent === true,
        }, now);
        queued += 1;
        waiting.set(route.to.chatId, [...(waiting.get(route.to.chatId) ?? []), key]);
      }
    }
    // However a chat is flooded, only so many ordinary answers wait for it: the oldest go (counted,
    // never their text). Help in a heavy moment is urgent and never counted among them.
    for (const [chatId, keys] of waiting) {
      const dropped = await answerQueue.queued(deps.db, chatId, keys);
      if (dropped > 0) deps.log.warn({ event: 'answers-dropped', platform: platformOf(chatId), dropped }, 'dropped the oldest answers waiting for a busy chat');
    }
    if (queued > 0) dispatcher.poke();
    return answers;
  };

  /** Who asked; whether they can be reached privately is looked up only when a private answer in a group needs it. */
  const askerOf = async (event: Pick<Delivery, 'account' | 'chat'>, can: AnswerAbilities, anyPrivate: boolean): Promise<Asker> => ({
    account: event.account ?? event.chat.id,
    chat: event.chat,
    knowsDirectChat: event.account !== null && anyPrivate && event.chat.kind === 'group' && !(can.answersInline && can.ephemeral)
      && (await knowsDirectChat(deps.db, event.account)),
  });

  const handleMessage = async (msg: InboundMessage): Promise<Answer[]> => {
    const key = msg.idempotencyKey ?? randomUUID();
    const base: Delivery = { platformOf: msg.account, account: msg.account, chat: msg.chat, key, personId: null, replaces: null };
    const pace = limit.take(msg.account);
    if (pace !== 'ok') {
      deps.log.warn({ event: 'command-flood', platform: platformOf(msg.account) }, 'an account is sending commands too fast');
      return pace === 'warn' ? deliver(base, [reply(TOO_FAST)]) : [];
    }
    const now = deps.clock.now();
    if (msg.idempotencyKey && !(await claimEvent(deps.db, msg.idempotencyKey, now))) {
      deps.log.debug({ event: 'duplicate-update' }, 'ignored a redelivered update');
      return [];
    }
    const can = abilitiesOf(msg.account);
    const plan = planAnswer(msg.text, msg.chat, msg.pressed, can);
    let replies: Reply[];
    let personId: string | null = null;
    try {
      const { person } = await resolvePerson(deps, msg, now);
      personId = person.id;
      const { wasUnreachable } = await touchAccount(deps.db, msg.account, now, msg.chat.kind === 'dm');
      const text = msg.text.trim();
      const parsed = parseCommand(text);
      const ctx: CommandContext = {
        deps, person, account: msg.account, chat: msg.chat, now, today: localDateOf(now, person.timezone),
        senderIsGroupAdmin: msg.chat.kind === 'group' && parsed.ok && parsed.action.needsGroupAdmin === true
          && (msg.senderIsGroupAdmin ?? await isGroupAdmin(msg.chat, msg.account)),
        startLink: (payload) => startLinkOn(msg.account, payload),
      };
      const unanswerable = parsed.ok && parsed.spec.private && msg.chat.kind === 'group'
        && routeReply(true, await askerOf(msg, can, true), can).via === 'open-private-chat';
      if (unanswerable) {
        // A personal command nobody could answer privately is not run at all: nothing changes unseen.
        replies = [reply(OPEN_PRIVATE_CHAT, { private: false })];
      } else {
        replies = !text.startsWith('/') && person.awaiting && msg.chat.kind === 'dm'
          ? await answerAwaited(ctx, text)
          : await runCommand(ctx, text, parsed);
      }
      if (wasUnreachable) replies.unshift(reply(WAS_UNREACHABLE));
    } catch (e) {
      deps.log.error({ event: 'handle-failed', platform: platformOf(msg.account), err: (e as Error).message }, 'the core failed on a message');
      replies = [reply(SOMETHING_WENT_WRONG)];
    }
    return deliver({ ...base, personId, replaces: plan.editsInPlace ? msg.pressed?.messageId ?? null : null }, replies);
  };

  const isGroupAdmin = async (chat: ChatRef, account: string): Promise<boolean> => {
    const port = ports.get(platformOf(account));
    if (!port?.checkGroupAdmin) return false;
    try {
      return await port.checkGroupAdmin(chat.id, account);
    } catch (e) {
      deps.log.warn({ event: 'group-admin-check-failed', platform: port.platform, err: (e as Error).message }, 'could not check group admin rights');
      return false;
    }
  };

  const startLinkOn = async (account: string, payload: string): Promise<string | null> => {
    const port = ports.get(platformOf(account));
    if (!port?.startLink) return null;
    try {
      return await port.startLink(payload);
    } catch (e) {
      deps.log.warn({ event: 'start-link-failed', platform: port.platform, err: (e as Error).message }, 'could not make a start link');
      return null;
    }
  };

  const handleNotice = async (n: PlatformNotice): Promise<Answer[]> => {
    const now = deps.clock.now();
    if (n.notice === 'chat-moved') {
      await moveGroupChat(deps.db, deps.seal, n.from, n.to);
      return [];
    }
    if (n.notice === 'member-left') {
      // Quietly: whoever left or was removed is not written to about it, and the roll call stops counting them.
      const person = await findPersonByAccount(deps.db, n.account);
      if (person) await leaveGroup(deps.db, n.chat.id, person.id);
      return [];
    }
    if (n.idempotencyKey && !(await claimEvent(deps.db, n.idempotencyKey, now))) return [];
    const key = n.idempotencyKey ?? randomUUID();
    if (n.notice === 'not-text') {
      const person = await findPersonByAccount(deps.db, n.account);
      return deliver({ platformOf: n.account, account: n.account, chat: n.chat, key, personId: person?.id ?? null, replaces: null }, [reply(ONLY_TEXT)]);
    }
    const text = n.notice === 'bot-added' ? ADDED_TO_GROUP : ANONYMOUS_SENDER;
    return deliver({ platformOf: n.chat.id, account: null, chat: n.chat, key, personId: null, replaces: null }, [reply(text, { private: false })]);
  };

  return {
    commands: COMMANDS,
    dispatcher,
    tick: tickOnce,
    handle: (event) => (isNotice(event) ? handleNotice(event) : handleMessage(event)),
    plan: (msg) => planAnswer(msg.text, msg.chat, msg.pressed, abilitiesOf(msg.account)),
    formAnswer,
    suggest: suggestions,
    sends: (platform) => ports.has(platform) && (!election || led.has(platform)),
    async start() {
      await dispatcher.recoverAtStart();
      await tickOnce();
      if (election) for (const platform of ports.keys()) elections.push(electSender(election, platform));
      dispatcher.start();
      loop = startTickLoop(async () => { await tickOnce(); }, deps.log);
    },
    async stop() {
      // Sends in flight finish before the lock is let go: a successor takes back only what a dead sender left.
      stopping = true;
      led.clear();
      await loop?.stop();
      await dispatcher.stop();
      for (const e of elections.splice(0)) await e.stop();
    },
  };

  /**
   * This instance competes to be the platform's one sender. The lock is free only once the
   * previous holder's connection is gone, so what it left 'sending' is taken back at once;
   * sending starts after a grace second, so the platform's sliding second holds only ours.
   */
  function electSender(e: SenderElection, platform: string): Leadership {
    let term = 0;
    const lead: Leadership = startLeadership({
      storage: e.storage, name: e.lockName?.(platform) ?? `${platform}-sender`, log: deps.log, intervalMs: e.intervalMs ?? 2_000,
      onChange: (leader) => {
        term += 1;
        if (!leader) {
          led.delete(platform);
          return;
        }
        const mine = term;
        void (async () => {
          try {
            const r = await recoverInterrupted(deps.db, { platform, except: dispatcher.claimedHere });
            if (r.requeued + r.failed > 0) deps.log.warn({ event: 'outbox-taken-over', platform, ...r }, 'messages the previous sender left mid-send');
          } catch (err) {
            deps.log.error({ event: 'outbox-takeover-failed', platform, err: (err as Error).message }, 'could not take back the previous sender\'s sends');
          }
          await new Promise((r) => setTimeout(r, SENDER_GRACE_MS));
          if (term !== mine || !lead.isLeader() || stopping) return;
          led.add(platform);
          dispatcher.poke();
        })();
      },
    });
    return lead;
  }
}

/** An event being answered: who asked, where, and which message the first answer may replace. */
interface Delivery {
  /** An id of the platform the event came from (its account or chat id). */
  platformOf: string;
  account: string | null;
  chat: ChatRef;
  /** The event's identity; each answer's outbox key is made from it. */
  key: string;
  personId: string | null;
  replaces: string | null;
}
