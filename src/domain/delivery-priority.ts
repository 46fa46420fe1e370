import type { MessageTopic } from './message-topic.js';

/**
 * Which message goes first when the outbox holds more than the platform lets out at once.
 * Lower goes first: an SOS (or anything sent as urgent, such as "reaching out"), then alerts
 * that someone missed check-ins, then answers to what a person just did, then everything
 * the bot sends on its own schedule. Kept in a column at enqueue, so the due query sorts by it.
 */
export const DELIVERY_PRIORITY = { sos: 0, alert: 1, reply: 2, scheduled: 3 } as const;
export type DeliveryPriority = (typeof DELIVERY_PRIORITY)[keyof typeof DELIVERY_PRIORITY];

const BY_TOPIC: Record<MessageTopic, DeliveryPriority> = {
  sos: DELIVERY_PRIORITY.sos,
  missed: DELIVERY_PRIORITY.alert,
  escalation: DELIVERY_PRIORITY.alert,
  // The all-clear to those who were alerted: it ends the worry the alert started.
  'checkin-resumed': DELIVERY_PRIORITY.alert,
  answer: DELIVERY_PRIORITY.reply,
  'check-on': DELIVERY_PRIORITY.reply,
  // Someone is waiting on what they just did (accepted a link, was asked to consent).
  'link-news': DELIVERY_PRIORITY.reply,
  'consent-ask': DELIVERY_PRIORITY.reply,
  prompt: DELIVERY_PRIORITY.scheduled,
  reminder: DELIVERY_PRIORITY.scheduled,
  summary: DELIVERY_PRIORITY.scheduled,
  celebration: DELIVERY_PRIORITY.scheduled,
  status: DELIVERY_PRIORITY.scheduled,
  'status-correction': DELIVERY_PRIORITY.scheduled,
  milestone: DELIVERY_PRIORITY.scheduled,
  'supporter-summary': DELIVERY_PRIORITY.scheduled,
  fanos: DELIVERY_PRIORITY.scheduled,
  'group-prompt': DELIVERY_PRIORITY.scheduled,
  'group-rollcall': DELIVERY_PRIORITY.scheduled,
  'group-milestone': DELIVERY_PRIORITY.scheduled,
  'group-notice': DELIVERY_PRIORITY.scheduled,
};

/** A message's place in line: by its topic, and first of all when it is urgent. */
export function deliveryPriority(topic: MessageTopic, urgent = false): DeliveryPriority {
  return urgent ? DELIVERY_PRIORITY.sos : BY_TOPIC[topic];
}

/** The topics of each priority (a migration backfills queued rows with it). */
export function topicsOfPriority(p: DeliveryPriority): MessageTopic[] {
  return (Object.keys(BY_TOPIC) as MessageTopic[]).filter((t) => BY_TOPIC[t] === p);
}
