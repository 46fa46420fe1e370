import { TelegramError } from 'telegraf';
import type { SendResult } from '../../src/index.js';

/** What a failed Bot API call means for delivery. */
export type SendFailure =
  | Exclude<SendResult, { ok: true }>
  | { ok: false; error: 'migrated'; newChatId: number };

/** 403s and 400s after which this chat will not take messages from the bot. */
const GONE = [
  'bot was blocked by the user',
  'user is deactivated',
  "bot can't initiate conversation",
  'bot was kicked',
  'bot is not a member',
  'chat not found',
  'peer_id_invalid',
  'group chat was deleted',
];

/**
 * Maps a Bot API error to the dispatcher's vocabulary: 429 waits as long as Telegram asks,
 * a blocked or unknown chat is unreachable, a group upgraded to a supergroup moves, any other
 * 4xx is refused for good (a picture Telegram will not take, a method a Bot API server lacks:
 * sending it again cannot help), and only 5xx and network errors are retried with backoff.
 * `attachment`: the failed call carried the picture or file.
 */
export function classifyError(e: unknown, attachment = false): SendFailure {
  if (e instanceof TelegramError) {
    const description = (e.description ?? '').toLowerCase();
    const params = e.parameters;
    if (e.code === 429) {
      return { ok: false, error: 'rate_limited', retryAfterMs: Math.max(1, params?.retry_after ?? 5) * 1000 };
    }
    if (params?.migrate_to_chat_id !== undefined) return { ok: false, error: 'migrated', newChatId: params.migrate_to_chat_id };
    if ((e.code === 400 || e.code === 403) && GONE.some((g) => description.includes(g))) {
      return { ok: false, error: 'unreachable', reason: `${e.code}: ${e.description}` };
    }
    if (e.code >= 400 && e.code < 500) return { ok: false, error: 'refused', reason: `${e.code}: ${e.description}`.slice(0, 200), attachment };
    return { ok: false, error: 'transient', reason: `${e.code}: ${e.description}`.slice(0, 200) };
  }
  const err = e as { name?: string; message?: string; code?: string };
  return { ok: false, error: 'transient', reason: `${err.code ?? err.name ?? 'error'}: ${err.message ?? String(e)}`.slice(0, 200) };
}
