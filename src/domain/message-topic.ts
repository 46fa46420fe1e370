/**
 * What a message the bot sends is about: one fact, kept in a column of its own, so that
 * queries and rules never read meaning back out of a message's key (a key is only an identity).
 */
export const MESSAGE_TOPICS = [
  /** An answer to something the person sent. */
  'answer',
  /** A check on the person later the same day, which they asked for after a heavy moment. */
  'check-on',
  /** The recipient's own day and week. */
  'prompt', 'reminder', 'summary', 'celebration',
  /** About someone who shares with the recipient, each under the consent it needs. */
  'status', 'missed', 'escalation', 'sos', 'milestone', 'supporter-summary', 'fanos',
  /** One clear correction of status news already sent (a day corrected or moved). */
  'status-correction',
  /** A run of missed check-ins ended: "they checked in again", to those who were alerted. */
  'checkin-resumed',
  /** News about a link itself: accepted, ended, ready, "reaching out", an account joined. */
  'link-news',
  /** The other side of a link is asked, once, whether to share or receive what was offered or asked for. */
  'consent-ask',
  /** Posted in an accountability group. */
  'group-prompt', 'group-rollcall', 'group-milestone', 'group-notice',
] as const;
export type MessageTopic = (typeof MESSAGE_TOPICS)[number];

/**
 * How a message is delivered, which follows from its topic: prompts and reminders go stale
 * with their day, alerts and summaries stop during a pause, replies and SOS never wait.
 */
export type MessageKind = 'reply' | 'prompt' | 'reminder' | 'alert' | 'celebration' | 'summary' | 'sos' | 'link' | 'group';

const KIND: Record<MessageTopic, MessageKind> = {
  answer: 'reply',
  // Asked for, and timed outside their quiet hours when it was asked: it goes as a reply would.
  'check-on': 'reply',
  prompt: 'prompt',
  reminder: 'reminder',
  summary: 'summary',
  celebration: 'celebration',
  status: 'link',
  missed: 'alert',
  escalation: 'alert',
  sos: 'sos',
  milestone: 'celebration',
  'supporter-summary': 'summary',
  fanos: 'link',
  'status-correction': 'link',
  'checkin-resumed': 'alert',
  'link-news': 'link',
  'consent-ask': 'link',
  'group-prompt': 'group',
  'group-rollcall': 'group',
  'group-milestone': 'group',
  'group-notice': 'group',
};

export function kindOf(topic: MessageTopic): MessageKind {
  return KIND[topic];
}
