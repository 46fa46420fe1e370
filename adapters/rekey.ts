import { ConfigError, createTextSeal, loadConfig, loadDataKey, loadDotEnv, openDatabase, rekeyAll, writeKeyCheck } from '../src/index.js';

/**
 * `npm run rekey`: seals every stored text again under the current key (STEADFAST_DATA_KEY, or
 * the key file), opening it with that key or one in STEADFAST_DATA_KEY_PREVIOUS. A value no
 * configured key opens is named (table, column, row; never its content) and left as it is;
 * everything else is finished.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const { key } = loadDataKey(config, { create: false });
  const db = await openDatabase(config.storage);
  const seal = createTextSeal(key, config.previousDataKeys);
  const report = await rekeyAll(db, seal);
  await writeKeyCheck(db, seal, new Date());
  await db.destroy();
  process.stdout.write(`Re-encrypted ${report.rows} rows under the current key.\n`);
  if (report.unreadable.length === 0) {
    process.stdout.write('Every stored text opened. You can now remove STEADFAST_DATA_KEY_PREVIOUS.\n');
    return;
  }
  process.stdout.write(`${report.unreadable.length} stored values open with no configured key and were left as they are (another key, or altered):\n`);
  for (const u of report.unreadable.slice(0, 50)) process.stdout.write(`  ${u.table}.${u.column} ${JSON.stringify(u.row)}\n`);
  if (report.unreadable.length > 50) process.stdout.write(`  … and ${report.unreadable.length - 50} more\n`);
  process.stdout.write('Give the key they were written with in STEADFAST_DATA_KEY_PREVIOUS and run npm run rekey again, or leave them: they are refused when read.\n');
  process.exitCode = 2;
}

main().catch((e: unknown) => {
  process.stderr.write(`rekey failed: ${e instanceof ConfigError || e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
