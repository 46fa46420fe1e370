import { createHash } from 'node:crypto';
import { answeredPrivately, GROUP_BUSY_NOTE } from '../messages/flood-notices.js';
import { reply, type Reply } from '../ports/reply.js';
import type { Db } from '../store/database.js';
import { dropQueuedAnswers, queuedAnswerKeys, unsettledAnswers } from '../store/outbox-budget.js';
import type { Route } from './reply-routing.js';

/**
 * Budgets against floods of answers in a group. Anyone in a group can ask the bot something
 * whose answer the whole group reads (/help), and a group is a shared, rate-limited chat
 * (Telegram: 20 messages a minute): without a budget one account, at the pace the per-account
 * command limit allows, could fill the group and its queue with the same answer over and over.
 *
 * The budget touches only answers the whole group would read. Private answers (everything a
 * person shares, SOS, crisis replies) never pass through it: they go to the person alone, by
 * the routing rule, and are never held back.
 */
export interface GroupBudgetLimits {
  /** The window the budget counts in. */
  windowMs: number;
  /** Different public answers a group gets from the bot in one window. */
  answersPerWindow: number;
  /** Queued ordinary answers a group chat may have waiting; older ones are dropped. */
  queuedAnswersPerChat: number;
}

/**
 * A minute; ten different public answers in it (half of Telegram's 20 a minute per group, so
 * prompts, roll calls and celebrations keep their room); twenty answers waiting at most (a
 * minute's worth at Telegram's group limit: anything older is stale by the time it could go).
 */
export const GROUP_BUDGET: GroupBudgetLimits = { windowMs: 60_000, answersPerWindow: 10, queuedAnswersPerChat: 20 };

/** The public answers a group was given in the current window, by fingerprint only (never text). */
export interface GroupWindow {
  readonly posted: readonly { readonly fingerprint: string; readonly at: number }[];
}

export interface PublicAnswer {
  fingerprint: string;
  /**
   * A note standing in for a private answer that could not reach the asker privately ("open a
   * private chat with me first"). It belongs to that person: it is counted but never held back
   * for the group's budget, only not repeated to the same person within the window.
   */
  standIn: boolean;
}

export type Verdict =
  /** Answer in the group, as usual. */
  | 'post'
  /** The group read the same answer less than a window ago. */
  | 'repeat'
  /** The group has had its answers for this window. */
  | 'busy';

/** The fingerprint the budget keeps of the busy note itself, so that note is posted once a window. */
const BUSY_NOTE = '#busy-note';

const live = (w: GroupWindow | undefined, now: number, limits: GroupBudgetLimits) =>
  (w?.posted ?? []).filter((p) => now - p.at < limits.windowMs);

/**
 * The rule, pure: whether one public answer is posted in the group, and the group's window after
 * it. A repeat is judged first (the answer is right there in the chat to read), then the count.
 */
export function judgePublicAnswer(
  w: GroupWindow | undefined, a: PublicAnswer, now: number, limits: GroupBudgetLimits = GROUP_BUDGET,
): { verdict: Verdict; window: GroupWindow } {
  const posted = live(w, now, limits);
  if (posted.some((p) => p.fingerprint === a.fingerprint)) return { verdict: 'repeat', window: { posted } };
  if (!a.standIn && posted.length >= limits.answersPerWindow) return { verdict: 'busy', window: { posted } };
  return { verdict: 'post', window: { posted: [...posted, { fingerprint: a.fingerprint, at: now }] } };
}

/** Whether the group gets the one short "pausing for a moment" note now (once a window), and the window after it. */
export function takeBusyNote(w: GroupWindow | undefined, now: number, limits: GroupBudgetLimits = GROUP_BUDGET): { note: boolean; window: GroupWindow } {
  const posted = live(w, now, limits);
  if (posted.some((p) => p.fingerprint === BUSY_NOTE)) return { note: false, window: { posted } };
  return { note: true, window: { posted: [...posted, { fingerprint: BUSY_NOTE, at: now }] } };
}

/**
 * What identifies an answer as "the same" for a group: its text and buttons, hashed (the
 * budget never keeps text). A stand-in note is the same only for the same person.
 */
export function fingerprintOf(r: Reply, standInFor: string | null = null): string {
  const h = createHash('sha256').update(JSON.stringify([standInFor, r.text, r.buttons ?? null]));
  return h.digest('base64url').slice(0, 22);
}

/** What becomes of one public answer in a group: where it goes and what it says, or nothing. */
export type BudgetDecision =
  | { then: 'post' }
  /** To the asker alone (an ephemeral reply or their private chat), saying why. */
  | { then: 'privately'; route: Route; reply: Reply }
  /** One short note to the group instead (no private way to the asker, once a window). */
  | { then: 'note'; reply: Reply }
  /** Not repeated: the group read it a moment ago, or was told it is busy. */
  | { then: 'quiet' };

export interface AnswerAsked {
  /** The account that asked; null for answers to the platform itself (the bot was added). */
  account: string | null;
  standIn: boolean;
  /** Where the routing rule sends a private answer for this asker (looked up only when needed). */
  privately: () => Promise<Route>;
}

/**
 * Each group's window, in this process's memory. That is enough: the window is a minute, so a
 * restart forgets at most one minute's budget (one extra answer per group); and a group's
 * updates are handled by one instance (Telegram polling is held by one instance under its lock,
 * Discord's gateway by one connection), so no other instance answers the same group meanwhile.
 */
export class GroupAnswerBudget {
  private readonly groups = new Map<string, GroupWindow>();

  constructor(readonly limits: GroupBudgetLimits = GROUP_BUDGET) {}

  async decide(groupId: string, r: Reply, asked: AnswerAsked, now: number): Promise<BudgetDecision> {
    const fingerprint = fingerprintOf(r, asked.standIn ? asked.account : null);
    const { verdict, window } = judgePublicAnswer(this.groups.get(groupId), { fingerprint, standIn: asked.standIn }, now, this.limits);
    this.remember(groupId, window, now);
    if (verdict === 'post') return { then: 'post' };
    // A stand-in is for someone nobody can reach privately; a repeat of it is right there to read.
    const route = asked.account !== null && !asked.standIn ? await asked.privately() : null;
    if (route && route.via !== 'open-private-chat') {
      return { then: 'privately', route, reply: { ...r, text: answeredPrivately(verdict, r.text), private: true } };
    }
    if (verdict === 'repeat') return { then: 'quiet' };
    const busy = takeBusyNote(this.groups.get(groupId), now, this.limits);
    this.remember(groupId, busy.window, now);
    return busy.note ? { then: 'note', reply: reply(GROUP_BUSY_NOTE, { private: false }) } : { then: 'quiet' };
  }

  /** Groups known to this budget (for tests and the bound on its memory). */
  get size(): number {
    return this.groups.size;
  }

  private remember(groupId: string, w: GroupWindow, now: number): void {
    this.groups.set(groupId, w);
    // The memory stays bounded: groups quiet for a whole window are forgotten once there are many.
    if (this.groups.size > 10_000) {
      for (const [id, g] of this.groups) if (live(g, now, this.limits).length === 0) this.groups.delete(id);
    }
  }
}

/**
 * The cap, pure: of the answers a chat has waiting (oldest first, with their state), which to
 * drop so that no more than `cap` wait. Only waiting ones count and go, the oldest first; one
 * being sent right now is neither (it is on its way).
 */
export function answersToDrop(oldestFirst: readonly string[], state: ReadonlyMap<string, 'queued' | 'sending'>, cap: number): string[] {
  const waiting = oldestFirst.filter((k) => state.get(k) === 'queued');
  return waiting.slice(0, Math.max(0, waiting.length - cap));
}

/**
 * Keeps the answers waiting for each group under the cap. The first time this process queues an
 * answer for a group it reads what waits there; after that it follows the keys it queued itself
 * (a group's updates are handled by one instance), so each check is a lookup by key.
 */
export class ChatAnswerQueue {
  private readonly groups = new Map<string, string[]>();

  constructor(readonly cap: number = GROUP_BUDGET.queuedAnswersPerChat) {}

  private readonly turns = new Map<string, Promise<unknown>>();

  /** After answers were queued for a group: drops the oldest beyond the cap; returns how many. */
  async queued(db: Db, groupId: string, keys: readonly string[]): Promise<number> {
    // One check at a time per group, so two answers handled at once never lose each other's keys.
    const before = this.turns.get(groupId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => this.check(db, groupId, keys));
    this.turns.set(groupId, mine);
    try {
      return await mine;
    } finally {
      if (this.turns.get(groupId) === mine) this.turns.delete(groupId);
    }
  }

  private async check(db: Db, groupId: string, keys: readonly string[]): Promise<number> {
    const known = this.groups.get(groupId);
    const order = known ? [...known, ...keys.filter((k) => !known.includes(k))] : await queuedAnswerKeys(db, groupId);
    const state = await unsettledAnswers(db, order);
    const drop = answersToDrop(order, state, this.cap);
    const dropped = await dropQueuedAnswers(db, drop);
    const gone = new Set(drop);
    this.groups.set(groupId, order.filter((k) => state.has(k) && !gone.has(k)));
    if (this.groups.size > 10_000) {
      for (const [id, left] of this.groups) if (left.length === 0) this.groups.delete(id);
    }
    return dropped;
  }
}
