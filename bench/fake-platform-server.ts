/*
 * The fake platform (test/helpers/http-platform.ts) in a process of its own, so its clock
 * and event loop are not the dispatcher's. It enforces, strictly, at most `perSecond`
 * accepted messages in any sliding second overall, `perChatPerSecond` per chat and, when
 * given, `perGroupPerMinute` in any sliding minute per group, and answers 429 with
 * `retry_after` (whole seconds, like Telegram) beyond. Prints its send URL
 * on the first line of stdout (GET /stats on the same host gives its counters) and serves
 * until killed.
 *   node --import tsx bench/fake-platform-server.ts [perSecond] [perChatPerSecond] [perGroupPerMinute]
 */
import { HttpPlatform } from '../test/helpers/http-platform.js';

const perGroupPerMinute = process.argv[4] ? { perGroupPerMinute: Number(process.argv[4]) } : {};
const fake = new HttpPlatform({ enforce: { perSecond: Number(process.argv[2] ?? 30), perChatPerSecond: Number(process.argv[3] ?? 1), ...perGroupPerMinute } });
await fake.start();
console.log(fake.url);
process.on('SIGTERM', () => { void fake.stop().then(() => process.exit(0)); });
