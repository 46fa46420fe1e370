import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startLeadership } from '../../src/store/leadership.js';
import { silentLog } from '../../src/log.js';
import { waitFor } from '../helpers/wait-for.js';

const url = process.env.DATABASE_URL ?? '';
const onPostgres = url.startsWith('postgres://') || url.startsWith('postgresql://');

describe('leadership on SQLite', () => {
  it('the single process always leads', async () => {
    const seen: boolean[] = [];
    const l = startLeadership({ storage: { kind: 'sqlite', file: 'x.db' }, name: 'telegram-poller', log: silentLog, onChange: (v) => seen.push(v) });
    expect(l.isLeader()).toBe(true);
    expect(seen).toEqual([true]);
    await l.stop();
  });
});

describe.skipIf(!onPostgres)('leadership on PostgreSQL (DATABASE_URL)', () => {
  it('when the leading instance is killed, another takes over within a minute, and never two lead at once', async () => {
    const name = `poller-${randomBytes(4).toString('hex')}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/ops/leader-worker.ts'], { env: { ...process.env, LEAD_NAME: name }, stdio: ['ignore', 'pipe', 'inherit'] });
    let childLeads = false;
    child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('LEADER')) childLeads = true; });
    await waitFor(() => childLeads, 20_000);

    const here = startLeadership({ storage: { kind: 'postgres', url }, name, log: silentLog, intervalMs: 200, onChange: () => {} });
    let overlap = false;
    const sampler = setInterval(() => { if (here.isLeader() && childLeads && child.exitCode === null && !child.killed) overlap = true; }, 20);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(here.isLeader()).toBe(false); // the child holds it

    const killedAt = Date.now();
    child.kill('SIGKILL');
    childLeads = false;
    await waitFor(() => here.isLeader(), 60_000);
    const takeoverMs = Date.now() - killedAt;
    clearInterval(sampler);
    console.log(`leadership taken over ${takeoverMs} ms after the holder was killed`);
    expect(takeoverMs).toBeLessThan(60_000);
    expect(overlap).toBe(false);
    await here.stop();
  }, 90_000);

  it('a second instance stays a follower while the first lives, and leads once it stops', async () => {
    const name = `shard-${randomBytes(4).toString('hex')}`;
    const a = startLeadership({ storage: { kind: 'postgres', url }, name, log: silentLog, intervalMs: 100, onChange: () => {} });
    await waitFor(() => a.isLeader(), 10_000);
    const b = startLeadership({ storage: { kind: 'postgres', url }, name, log: silentLog, intervalMs: 100, onChange: () => {} });
    await new Promise((r) => setTimeout(r, 500));
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    await a.stop();
    await waitFor(() => b.isLeader(), 10_000);
    await b.stop();
  }, 30_000);
});
