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
   * In a group: the adapter itself checked with the platform that the sender may manage
   * this group (Telegram getChatMember, Discord Manage Server/Channels). Never taken from the client.
   */
  senderIsGroupAdmin?: boolean;
}
