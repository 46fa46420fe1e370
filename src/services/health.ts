import { createServer, type Server } from 'node:http';
import type { Clock } from '../clock.js';
import type { Db } from '../store/database.js';
import { outboxBacklog, pingDatabase } from '../store/health.js';

export interface HealthReport {
  ok: boolean;
  database: 'up' | 'down';
  platforms: Record<string, 'up' | 'down' | 'standby'>;
  outbox: { queued: number; sending: number; failed: number; oldestQueuedSeconds: number | null };
}

/** Each platform says whether it is connected; a standby instance is healthy but not connected. */
export type PlatformProbe = () => 'up' | 'down' | 'standby';

export async function healthReport(db: Db, clock: Clock, probes: Record<string, PlatformProbe>): Promise<HealthReport> {
  let database: HealthReport['database'] = 'up';
  let outbox: HealthReport['outbox'] = { queued: 0, sending: 0, failed: 0, oldestQueuedSeconds: null };
  try {
    await pingDatabase(db);
    const b = await outboxBacklog(db);
    outbox = {
      queued: b.queued,
      sending: b.sending,
      failed: b.failed,
      oldestQueuedSeconds: b.oldestQueued ? Math.max(0, Math.round((clock.now().getTime() - new Date(b.oldestQueued).getTime()) / 1000)) : null,
    };
  } catch {
    database = 'down';
  }
  const platforms = Object.fromEntries(Object.entries(probes).map(([k, p]) => [k, p()]));
  const ok = database === 'up' && Object.values(platforms).every((s) => s !== 'down');
  return { ok, database, platforms, outbox };
}

/** `GET /healthz` on 127.0.0.1 by default: 200 when healthy, 503 when not, JSON either way. No personal data. */
export function startHealthServer(port: number, host: string, report: () => Promise<HealthReport>): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/healthz') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    report().then((r) => {
      res.writeHead(r.ok ? 200 : 503, { 'content-type': 'application/json' }).end(`${JSON.stringify(r)}\n`);
    }, () => {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"ok":false}\n');
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
