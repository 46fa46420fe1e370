/*
 * The fake platform in a process of its own, so its clock and event loop are not the
 * dispatcher's: prints its URL on the first line of stdout, serves until killed.
 *   node --import tsx bench/fake-platform-server.ts [perSecond] [perChatPerSecond]
 */
import { FakePlatform } from './fake-platform.js';

const fake = new FakePlatform(Number(process.argv[2] ?? 30), Number(process.argv[3] ?? 1));
await fake.start();
console.log(fake.url);
process.on('SIGTERM', () => { void fake.stop().then(() => process.exit(0)); });
