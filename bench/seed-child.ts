/*
 * Seeds a database in a process of its own, so the bench process's peak RSS is the core's
 * work and not the seeder's row buffers: people in the middle of their life with the bot
 * (test/helpers/seed-people.ts, 'steady'). Prints the SeedResult as one JSON line.
 *   node --import tsx bench/seed-child.ts <DATABASE_URL> <count> <seeded-at ISO>
 */
import { parseDatabaseUrl } from '../src/config.js';
import { createTestCore } from '../test/helpers/core-harness.js';
import { seedPeople } from '../test/helpers/seed-people.js';
import { benchPeople } from './population.js';

const { db, config, close } = await createTestCore({ storage: parseDatabaseUrl(process.argv[2]!)! });
const result = await seedPeople(db, config, benchPeople(Number(process.argv[3])), new Date(process.argv[4]!), { history: 'steady', perTransaction: 5_000 });
await close({ keepFiles: true });
console.log(JSON.stringify({ ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
process.exit(0);
