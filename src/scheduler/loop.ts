import cron, { type ScheduledTask } from 'node-cron';
import type { Log } from '../log.js';

/**
 * One tick a minute. node-cron drops a tick that starts late (an event-loop stall), so
 * the tolerance is generous and every tick works from stored due state: a lost tick
 * only delays work by a minute, it never loses it.
 */
export function startTickLoop(run: () => Promise<void>, log: Log): { stop(): Promise<void> } {
  const task: ScheduledTask = cron.schedule('* * * * *', async () => {
    try {
      await run();
    } catch (e) {
      log.error({ event: 'tick-failed', err: (e as Error).message }, 'scheduler tick failed');
    }
  }, { name: 'steadfast-tick', noOverlap: true, missedExecutionTolerance: 59_000, suppressMissedWarning: false });
  task.on('execution:missed', () => log.warn({ event: 'tick-missed' }, 'a scheduler tick was missed; the next one catches up'));
  return { stop: async () => { await task.stop(); await task.destroy(); } };
}
