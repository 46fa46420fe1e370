// `npm start`: builds dist/ if a source is newer (scripts/build.mjs), then runs the compiled bot
// with plain node, in this same process (one process, no second runtime in memory).
//   node scripts/start.mjs                      → dist/adapters/main.js
//   node scripts/start.mjs adapters/rekey.js    → another compiled entry (npm run rekey)
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ensureBuilt } from './build.mjs';

const entry = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : 'adapters/main.js';
try {
  ensureBuilt();
} catch (e) {
  process.stderr.write(`Steadfast cannot start: ${e.message}\n`);
  process.exit(1);
}
const file = join(DIST, entry);
// The entry sees itself as the script run (entries that check process.argv[1] run their main),
// and its own arguments after it.
process.argv.splice(1, entry === process.argv[2] ? 2 : 1, file);
await import(pathToFileURL(file).href);
