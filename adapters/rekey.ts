import { ConfigError, createTextSeal, loadConfig, loadDotEnv, openDatabase, rekeyAll } from '../src/index.js';

/** `npm run rekey`: re-encrypts all stored free text under STEADFAST_DATA_KEY. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (!config.dataKey) throw new ConfigError('STEADFAST_DATA_KEY: expected the new key to encrypt with');
  const db = await openDatabase(config.storage);
  const n = await rekeyAll(db, createTextSeal(config.dataKey, config.previousDataKeys));
  await db.destroy();
  process.stdout.write(`Re-encrypted ${n} rows under the current key. You can now remove STEADFAST_DATA_KEY_PREVIOUS.\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`rekey failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
