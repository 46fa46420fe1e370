// A stand-in instance for the leadership test: holds the lead while alive, reports on stdout.
import { startLeadership } from '../../src/store/leadership.js';
import { silentLog } from '../../src/log.js';

const url = process.env.DATABASE_URL!;
startLeadership({
  storage: { kind: 'postgres', url }, name: process.env.LEAD_NAME!, log: silentLog, intervalMs: 200,
  onChange: (leader) => process.stdout.write(`${leader ? 'LEADER' : 'FOLLOWER'}\n`),
});
setInterval(() => {}, 1_000);
