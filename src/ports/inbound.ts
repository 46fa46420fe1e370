import type { AccountId } from '../domain/person.js';

/** Where a message came from: a private chat with the bot or a group (channel). */
export interface ChatRef {
  /** Platform-prefixed: `telegram:-100123` for a group, the account id for a private chat. */
  id: string;
  kind: 'dm' | 'group';
  /** A group's name, for messages that mention it; never used for anything else. */
  title?: string;
}

/** Something a person said or pressed, already translated by an adapter. */
export interface InboundMessage {
  account: AccountId;
  displayName: string | null;
  chat: ChatRef;
  /** A command line (`/checkin sober mood:4`) or plain text typed after a question. */
  text: string;
  /** The platform's update or interaction id; the same key handled twice changes state once. */
  idempotencyKey?: string;
  /**
   * In a group, when the platform delivers it with the event (Discord computes a member's
   * permissions into every interaction): the sender may manage this group. Never taken from
   * what a person typed. When absent, the core asks the platform's port if a command needs it.
   */
  senderIsGroupAdmin?: boolean;
  /** The event was a press on a button of this message (so the answer may replace it in place). */
  pressed?: PressedMessage;
}

export interface PressedMessage {
  /** The platform's id of the message whose button was pressed. */
  messageId: string;
  /** Only the sender could see that message (a private chat, or an ephemeral reply). */
  seenBySenderOnly: boolean;
}

/** Something a platform tells the bot that no person typed, already translated by an adapter. */
export type PlatformNotice =
  /** The bot was added to a group. */
  | { notice: 'bot-added'; chat: ChatRef; idempotencyKey?: string }
  /** A command in a group came from an anonymous admin or a channel, not from a person. */
  | { notice: 'anonymous-sender'; chat: ChatRef; idempotencyKey?: string }
  /** A person sent a picture, sticker or voice message in a private chat: the bot reads only text. */
  | { notice: 'not-text'; account: AccountId; chat: ChatRef; idempotencyKey?: string }
  /** A group now lives under another chat id (Telegram's upgrade to a supergroup). */
  | { notice: 'chat-moved'; from: string; to: string }
  /** A person left the group chat, or was removed from it: they leave its accountability group too. */
  | { notice: 'member-left'; chat: ChatRef; account: AccountId; idempotencyKey?: string };

export type InboundEvent = InboundMessage | PlatformNotice;

export function isNotice(e: InboundEvent): e is PlatformNotice {
  return 'notice' in e;
}
