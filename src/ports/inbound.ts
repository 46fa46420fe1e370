import type { AccountId } from '../domain/person.js';

/** Where a message came from: a private chat with the bot or a group (channel). */
export interface ChatRef {
  id: string;
  kind: 'dm' | 'group';
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
}
