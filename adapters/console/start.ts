import { join } from 'node:path';
import { runConsole } from './console-adapter.js';
import { ConsolePort } from './console-port.js';
import { CommandRateLimit, SettableClock, createCore, createTextSeal, readClockAhead, saveClockAhead, type Config, type Db, type Log } from '../../src/index.js';

export interface ConsoleBotOptions {
  config: Config;
  log: Log;
  db: Db;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A terminal (prompts shown, lines not echoed) rather than piped input. */
  interactive: boolean;
  /** Real time by default; a test gives one that starts at a chosen instant. */
  clock?: SettableClock;
}

/**
 * The console bot on its database, until the input ends or `/quit`. Its simulated clock
 * carries on from where the last run left it (kept with the data), so a week tried out over
 * several runs stays one week.
 */
export async function runConsoleBot(o: ConsoleBotOptions): Promise<void> {
  const { config, db } = o;
  const clock = o.clock ?? new SettableClock();
  // Simulated time runs this far ahead of the clock's own time (real time, or a test's).
  const ahead = await readClockAhead(db);
  clock.advance(ahead ?? 0);
  const port = new ConsolePort();
  const core = createCore({
    db, clock, config, log: o.log, seal: createTextSeal(config.dataKey, config.previousDataKeys), random: Math.random, ports: [port],
    // One person at one keyboard (or a piped script): no flood to protect anyone from.
    commandLimit: new CommandRateLimit(Number.MAX_SAFE_INTEGER, 1),
  });
  await core.start();
  try {
    await runConsole({
      core, port, clock, input: o.input, output: o.output, interactive: o.interactive,
      filesDir: join(config.dataDir, 'console'),
      aheadMs: ahead ?? 0,
      keepClock: (aheadMs) => saveClockAhead(db, aheadMs, clock.now()),
    });
  } finally {
    await core.stop();
  }
}
