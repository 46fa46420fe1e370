import { nextGroupTimes } from '../domain/group-times.js';
import { localDateOf } from '../domain/local-date.js';
import { reply } from '../ports/reply.js';
import type { Db } from '../store/database.js';
import { claimGroupDue, dueGroups, getGroup, membersOf } from '../store/groups.js';
import { hasCheckinOn } from '../store/checkins.js';
import { displayNameOf } from '../store/links.js';
import { enqueueMessage } from '../store/outbox.js';
import { getPerson } from '../store/people.js';
import type { SchedulerDeps } from '../services/context.js';

/**
 * Group prompts and roll calls. A group only ever sees how many members checked in and
 * the names of those who agreed to be named: never content, never who missed.
 */
export async function groupTick(deps: SchedulerDeps, now: Date): Promise<number> {
  let queued = 0;
  for (const column of ['next_prompt_at', 'next_rollcall_at'] as const) {
    for (const row of await dueGroups(deps.db, column, now, 500)) {
      const at = row.due;
      try {
        queued += await deps.db.transaction().execute(async (trx) => {
          const group = await getGroup(trx, row.id);
          if (!group) return 0;
          const next = nextGroupTimes(group, now);
          const nextAt = column === 'next_prompt_at' ? next.nextPromptAt : next.nextRollcallAt;
          if (!(await claimGroupDue(trx, row.id, column, at, nextAt))) return 0;
          // A prompt or roll call more than a few hours late (downtime) is skipped.
          if (now.getTime() - new Date(at).getTime() > deps.config.schedule.promptStaleMinutes * 60_000) return 0;
          const date = localDateOf(new Date(at), group.timezone);
          const text = column === 'next_prompt_at'
            ? "Time for today's check-in, everyone. Check in privately with me: /checkin"
            : await rollCallText(trx, row.id, now);
          if (text === null) return 0;
          const kind = column === 'next_prompt_at' ? 'prompt' : 'rollcall';
          const ok = await enqueueMessage(trx, deps.seal, {
            key: `group-${kind}:${row.id}:${date}`, topic: kind === 'prompt' ? 'group-prompt' : 'group-rollcall', aboutDate: date, to: { chatId: row.id, kind: 'group' }, recipientId: null,
            reply: reply(text, { private: false }), notBefore: now,
          }, now);
          return ok ? 1 : 0;
        });
      } catch (e) {
        deps.log.error({ event: 'group-tick-failed', err: (e as Error).message }, 'group due work failed');
      }
    }
  }
  return queued;
}

async function rollCallText(db: Db, groupId: string, now: Date): Promise<string | null> {
  const members = await membersOf(db, groupId);
  if (members.length === 0) return null;
  const named: string[] = [];
  let checkedIn = 0;
  for (const m of members) {
    const person = await getPerson(db, m.personId);
    if (!person) continue;
    const today = localDateOf(now, person.timezone);
    if (!(await hasCheckinOn(db, m.personId, today))) continue;
    checkedIn += 1;
    if (m.named) named.push(await displayNameOf(db, m.personId));
  }
  const lines = [`Roll call: ${checkedIn} of ${members.length} checked in today.`];
  if (named.length > 0) lines.push(`Checked in: ${named.join(', ')}.`);
  lines.push(checkedIn === members.length ? 'Everyone showed up today.' : 'Every check-in counts, and tomorrow is a new day.');
  return lines.join('\n');
}
