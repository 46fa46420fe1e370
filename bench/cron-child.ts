/*
 * The naive alternative, measured in a process of its own (node --expose-gc): one
 * node-cron job per person, at their prompt time in their zone. Prints one JSON line.
 *   node --expose-gc --import tsx bench/cron-child.ts <started|created> <count>
 */
import cron, { type ScheduledTask } from 'node-cron';
import { personSpec } from './population.js';

const mode = process.argv[2] === 'created' ? 'created' : 'started';
const count = Number(process.argv[3] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;

function settle(): { heapUsed: number; rss: number } {
  for (let i = 0; i < 3; i += 1) gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}

// What each job needs, built before the baseline so only the jobs themselves are counted.
const specs = Array.from({ length: count }, (_, i) => {
  const p = personSpec(i);
  const [h, m] = p.promptTime.split(':').map(Number) as [number, number];
  return { expr: `${m} ${h} * * *`, zone: p.zone, id: p.id };
});
// Warm up node-cron's code paths so the baseline holds its compiled code too.
const warm = cron.createTask('0 20 * * *', () => {}, { timezone: 'UTC' });
await warm.destroy();

const base = settle();
let fired = 0;
const job = () => { fired += 1; };
const tasks: ScheduledTask[] = [];
const t0 = performance.now();
for (const s of specs) {
  tasks.push(mode === 'started'
    ? cron.schedule(s.expr, job, { timezone: s.zone, name: s.id })
    : cron.createTask(s.expr, job, { timezone: s.zone, name: s.id }));
}
const scheduleMs = performance.now() - t0;
const loaded = settle();
const t1 = performance.now();
for (const t of tasks) await t.destroy();
const destroyMs = performance.now() - t1;
tasks.length = 0;
console.log(JSON.stringify({
  mode, count, gcAvailable: gc !== undefined,
  scheduleMs, destroyMs, fired,
  heapDelta: loaded.heapUsed - base.heapUsed,
  rssDelta: loaded.rss - base.rss,
  base, loaded,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
}));
process.exit(0);
