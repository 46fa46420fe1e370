import { join } from 'node:path';
import { SettableClock } from '../src/clock.js';
import { ConfigError, loadConfig, loadDotEnv } from '../src/config.js';
import { createCore } from '../src/core.js';
import { createLog } from '../src/log.js';
import { openDatabase } from '../src/store/database.js';
import { createTextSeal } from '../src/store/sealed-text.js';
import { runConsole } from './console/console-adapter.js';
import { ConsolePort } from './console/console-port.js';

/** The composition root: the one file that knows both the core and the adapters. */
async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`Steadfast cannot start: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  // In the terminal chat, routine logs would interleave with the conversation.
  const log = createLog(process.env.LOG_LEVEL ? config.logLevel : 'warn');
  if (!config.dataKey) {
    log.warn('STEADFAST_DATA_KEY is not set: notes, goals, boundaries and circles are stored unencrypted');
  }
  const db = await openDatabase(config.storage);
  const clock = new SettableClock();
  const port = new ConsolePort();
  const core = createCore({ db, clock, config, log, seal: createTextSeal(config.dataKey, config.previousDataKeys), random: Math.random, ports: [port] });
  await core.start();

  await runConsole({
    core,
    port,
    clock,
    input: process.stdin,
    output: process.stdout,
    filesDir: join(config.dataDir, 'console'),
    interactive: process.stdin.isTTY === true,
  });
  await core.stop();
  await db.destroy();
}

main().catch((e: unknown) => {
  process.stderr.write(`Steadfast stopped: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
