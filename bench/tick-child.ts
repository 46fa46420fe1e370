/*
 * The tick approach's memory, measured like the cron child (node --expose-gc): the RSS
 * and heap a running core adds when it opens a database of N people and ticks over it.
 * With `work`, it then also does a bot's busy minute (a tick with up to 10,000 prompts due,
 * then 2,000 check-ins) and reports its peak RSS. Prints one JSON line.
 *   node --expose-gc --import tsx bench/tick-child.ts <sqlite file> <seeded-at ISO> <ticks> [work]
 */
import { loadConfig } from '../src/config.js';
import { checkins, makeEnv, recoveryPeople, tickDue } from './scenarios.js';

const file = process.argv[2]!;
const at = new Date(process.argv[3]!);
const ticks = Number(process.argv[4] ?? 200);
const work = process.argv[5] === 'work';
const gc = (globalThis as { gc?: () => void }).gc;

function settle(): { heapUsed: number; rss: number } {
  for (let i = 0; i < 3; i += 1) gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}

// The configuration is read once before the baseline, so only the core and its database count.
loadConfig({ DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' });
const base = settle();
// No data key: nothing this child measures is sealed.
const env = await makeEnv(`sqlite:${file}`, at, undefined, { dataKey: null });
const { core, people } = env;
let done = 0;
const t0 = performance.now();
for (let i = 0; i < ticks; i += 1) {
  const r = await core.tick();
  done += r.prompts + r.reminders + r.alerts + r.summaries + r.celebrations;
}
const tickMs = performance.now() - t0;
const loaded = settle();
const idleMaxRss = process.resourceUsage().maxRSS * 1024;

let busy: Record<string, unknown> | null = null;
if (work) {
  // A fresh due set: the last residue class of the stride, which the main run's rounds leave alone.
  const due = Math.min(10_000, Math.floor(people / 2));
  const stride = Math.floor(people / due);
  const tick = await tickDue(env, due, 1, stride - 1);
  const afterTick = { ...process.memoryUsage(), maxRss: process.resourceUsage().maxRSS * 1024 };
  const pool = recoveryPeople(people - Math.min(people, 8_000), 2_000, people);
  const ci = await checkins(env, pool, 8, 'child');
  busy = {
    due, tickMs: tick.rounds[0]?.ms ?? null, checkins: ci.checkins, checkinsPerSecond: ci.perSecond,
    maxRssBytes: process.resourceUsage().maxRSS * 1024, afterTick, afterCheckins: process.memoryUsage(),
  };
}
await env.close({ keepFiles: true });
console.log(JSON.stringify({
  file, people, ticks, work: done, tickMs, gcAvailable: gc !== undefined,
  heapDelta: loaded.heapUsed - base.heapUsed, rssDelta: loaded.rss - base.rss,
  base, loaded, maxRssBytes: idleMaxRss, busy,
}));
process.exit(0);
