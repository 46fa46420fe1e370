import { join } from 'node:path';
import { runConsole } from './console-adapter.js';
import { ConsolePort } from './console-port.js';
import { ConsoleFiles } from './files.js';
import { CommandRateLimit, SettableClock, createCore, readClockAhead, saveClockAhead, type Config, type Db, type Log, type TextSeal } from '../../src/index.js';

export interface ConsoleBotOptions {
  config: Config;
  log: Log;
  db: Db;
  /** Seals with the data key checked against this database at start. */
  seal: TextSeal;
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
  const files = new ConsoleFiles(join(config.dataDir, 'console'));
  files.start();
  const core = createCore({
    db, clock, config, log: o.log, seal: o.seal, random: Math.random, ports: [port], personFiles: files,
    // One person at one keyboard (or a piped script): no flood to protect anyone from.
    commandLimit: new CommandRateLimit(Number.MAX_SAFE_INTEGER, 1),
  });
  await core.start();
  try {
    await runConsole({
      core, port, clock, input: o.input, output: o.output, interactive: o.interactive,
      files,
      aheadMs: ahead ?? 0,
      keepClock: (aheadMs) => saveClockAhead(db, aheadMs, clock.now()),
    });
  } finally {
    await core.stop();
  }
}
