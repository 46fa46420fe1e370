// Which message goes first: SOS, then missed-check-in alerts, then answers, then the schedule.
import { describe, expect, it } from 'vitest';
import { DELIVERY_PRIORITY, deliveryPriority, topicsOfPriority } from '../../src/domain/delivery-priority.js';
import { MESSAGE_TOPICS } from '../../src/domain/message-topic.js';

describe('delivery priority', () => {
  it('puts SOS before alerts, alerts before answers, answers before scheduled messages', () => {
    expect(deliveryPriority('sos')).toBeLessThan(deliveryPriority('missed'));
    expect(deliveryPriority('missed')).toBe(deliveryPriority('escalation'));
    expect(deliveryPriority('escalation')).toBeLessThan(deliveryPriority('answer'));
    for (const scheduled of ['prompt', 'reminder', 'summary', 'celebration', 'group-prompt'] as const) {
      expect(deliveryPriority('answer')).toBeLessThan(deliveryPriority(scheduled));
    }
  });

  it('anything sent as urgent goes with SOS, whatever its topic', () => {
    expect(deliveryPriority('link-news', true)).toBe(DELIVERY_PRIORITY.sos);
    expect(deliveryPriority('prompt', true)).toBe(DELIVERY_PRIORITY.sos);
  });

  it('gives every topic exactly one priority', () => {
    const all = Object.values(DELIVERY_PRIORITY).flatMap((p) => topicsOfPriority(p));
    expect([...all].sort()).toEqual([...MESSAGE_TOPICS].sort());
  });
});
