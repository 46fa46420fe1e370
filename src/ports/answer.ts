import type { Reply } from './reply.js';

/**
 * A reply the core has addressed, to be shown as the answer to the event where it happened.
 * Replies that go elsewhere (another chat, a platform that does not answer inline) the core
 * writes to the outbox itself, and they are not among the answers.
 */
export interface Answer extends Reply {
  /** Everyone in the chat of the event sees it (in a private chat: the person), or the sender alone. */
  visibility: 'chat' | 'sender-only';
}

/** A form asking for typed text, for platforms that read no typed messages (Discord modals). */
export interface FormView {
  /** Identifies the form when it is submitted (`core.formAnswer(id, text)`); at most 100 characters. */
  id: string;
  title: string;
  label: string;
  placeholder: string;
  /** Several lines rather than one. */
  long: boolean;
  /** The longest answer accepted. */
  maxLength: number;
}

/**
 * What a platform needs to know before the core answers, to prepare the right kind of
 * answer in time (Discord must acknowledge an interaction within three seconds).
 */
export interface AnswerPlan {
  /** Open this form instead of answering. */
  form: FormView | null;
  /** The answer replaces the pressed message in place (a guided form over several taps). */
  editsInPlace: boolean;
  /** The answer will be shown to the sender alone (a private answer in a group, on a platform that can). */
  senderOnly: boolean;
}
