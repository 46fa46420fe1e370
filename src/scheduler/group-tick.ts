import { nextGroupTimes } from '../domain/group-times.js';
import { localDateOf } from '../domain/local-date.js';
import { rollCall, type RollCallMember } from '../domain/roll-call.js';
import { rollCallText } from '../messages/scheduled.js';
import { reply } from '../ports/reply.js';
import type { Db } from '../store/database.js';
import { claimGroupDue, dueGroups, getGroup, membersOf } from '../store/groups.js';
import { hasCheckinOn } from '../store/checkins.js';
import { displayNameOf } from '../store/links.js';
import { enqueueMessage } from '../store/outbox.js';
import { getPerson } from '../store/people.js';
import type { SchedulerDeps } from '../services/context.js';

/**
 * Group prompts and roll calls. A group only ever sees the names of those who agreed to be
 * named and checked in, and a count when it singles no one out (domain/roll-call.ts): never
 * content, never whether a member who did not agree checked in.
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
            : await rollCallFor(trx, row.id, now);
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

async function rollCallFor(db: Db, groupId: string, now: Date): Promise<string | null> {
  const members: RollCallMember[] = [];
  for (const m of await membersOf(db, groupId)) {
    const person = await getPerson(db, m.personId);
    if (!person) continue;
    const checkedIn = await hasCheckinOn(db, m.personId, localDateOf(now, person.timezone));
    // A name is looked up only where it may be shown.
    members.push({ name: m.named && checkedIn ? await displayNameOf(db, m.personId) : '', named: m.named, checkedIn });
  }
  return members.length === 0 ? null : rollCallText(rollCall(members));
}
