/*
 * Seeds a database in a process of its own, so the bench process's peak RSS is the core's
 * work and not the seeder's row buffers. Prints the SeedResult as one JSON line.
 *   node --import tsx bench/seed-child.ts <DATABASE_URL> <count> <seeded-at ISO>
 */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/store/database.js';
import { seedPeople } from './seed.js';

const config = loadConfig({ DATABASE_URL: process.argv[2]!, LOG_LEVEL: 'silent' });
const db = await openDatabase(config.storage);
const result = await seedPeople(db, config, new Date(process.argv[4]!), Number(process.argv[3]));
await db.destroy();
console.log(JSON.stringify({ ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
process.exit(0);
