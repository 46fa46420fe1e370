import { mayReceive, type Scope } from '../domain/consent.js';
import type { LocalDate } from '../domain/local-date.js';
import type { Person } from '../domain/person.js';
import type { CheckinRate } from '../domain/streaks.js';
import { supporterSummaryText } from '../messages/scheduled.js';
import { discloseToSupporters } from '../services/disclose.js';
import type { CheckinDay } from '../store/checkins.js';
import type { Db } from '../store/database.js';
import { displayNameOf, sharingLinks } from '../store/links.js';
import { heldRelapseNews } from '../store/outbox.js';
import type { TextSeal } from '../store/sealed-text.js';

/**
 * Each sponsor and coach gets a weekly summary built only from what reaches them through
 * their link (both halves). One who receives the status waits for it while a relapse notice
 * is still held, so a summary never tells a relapse before the person's window ends.
 */
export async function supporterSummaries(
  db: Db, seal: TextSeal, person: Person, week: readonly CheckinDay[], tally: CheckinRate, today: LocalDate, now: Date,
): Promise<number> {
  const links = (await sharingLinks(db, person.id)).filter((l) => l.relation !== 'partner');
  if (links.length === 0) return 0;
  const name = await displayNameOf(db, person.id);
  const heldUntil = (await heldRelapseNews(db, seal, person.id)).at(-1)?.until ?? null;
  let queued = 0;
  for (const link of links) {
    const used: Scope[] = [];
    const lines: string[] = [];
    if (mayReceive(link, { scope: 'status' })) {
      used.push('status');
      lines.push(`Check-ins: ${tally.checkedIn} of ${tally.days} days; sober days: ${week.filter((d) => d.status === 'sober').length}.`);
    }
    if (mayReceive(link, { scope: 'mood' })) {
      const moods = week.map((d) => d.mood).filter((m): m is NonNullable<typeof m> => m !== null);
      used.push('mood');
      lines.push(moods.length ? `Average mood: ${(moods.reduce((a, b) => a + b, 0) / moods.length).toFixed(1)} of 5.` : 'No mood shared this week.');
    }
    if (mayReceive(link, { scope: 'alerts' })) {
      used.push('alerts');
      lines.push(`Days without a check-in: ${tally.days - tally.checkedIn}.`);
    }
    if (used.length === 0) continue;
    const wait = used.includes('status') && heldUntil && heldUntil > now ? heldUntil : now;
    queued += await discloseToSupporters(db, seal, person, {
      topic: 'supporter-summary', needs: used, aboutDate: today, key: `supporter-summary:${person.id}:${today}`, notBefore: wait,
      only: (l) => l.id === link.id, text: () => supporterSummaryText(name, lines),
    }, now);
  }
  return queued;
}
