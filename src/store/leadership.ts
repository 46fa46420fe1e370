import pg from 'pg';
import type { StorageTarget } from '../config.js';
import type { Log } from '../log.js';

export interface Leadership {
  isLeader(): boolean;
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  storage: StorageTarget;
  /** What is led, e.g. `telegram-poller` or `discord-shard-0`: one holder per name. */
  name: string;
  log: Log;
  onChange(leader: boolean): void;
  /** How often a follower tries to take over; a dead holder is replaced within this time. */
  intervalMs?: number;
}

/**
 * Exactly one instance does some work at a time (a Telegram poller: a second would get
 * 409 Conflict). On PostgreSQL the holder keeps a session advisory lock on its own
 * connection; if the process dies the connection closes, the lock is released and
 * another instance takes over at its next try. On SQLite there is one process: it leads.
 */
export function startLeadership(o: LeadershipOptions): Leadership {
  if (o.storage.kind !== 'postgres') {
    o.onChange(true);
    return { isLeader: () => true, stop: async () => {} };
  }
  const url = o.storage.url;
  const interval = o.intervalMs ?? 15_000;
  let leader = false;
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const setLeader = (v: boolean) => {
    if (v === leader) return;
    leader = v;
    o.log.info({ event: 'leadership', name: o.name, leader: v }, v ? 'took the lead' : 'lost the lead');
    o.onChange(v);
  };

  const drop = async () => {
    setLeader(false);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };

  const attempt = async () => {
    try {
      if (!client) {
        // A check that hangs (a lost network) gives the lead up instead of holding it blind.
        client = new pg.Client({
          connectionString: url, application_name: `steadfast-${o.name}`, keepAlive: true, connectionTimeoutMillis: 10_000, query_timeout: 10_000,
        });
        client.on('error', () => { void drop(); });
        await client.connect();
        // The server frees the lock when this connection dies; a holder whose machine vanished (no
        // FIN ever sent) is noticed within about 11 s instead of the system's two hours.
        await client.query('set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 3');
      }
      if (leader) {
        await client.query('select 1'); // the lock lives as long as this connection
      } else {
        const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [`steadfast:${o.name}`]);
        setLeader(r.rows[0]?.ok === true);
      }
    } catch (e) {
      o.log.warn({ event: 'leadership-error', name: o.name, err: (e as Error).message }, 'leadership check failed');
      await drop();
    }
    if (!stopped) timer = setTimeout(() => { void attempt(); }, interval);
  };
  void attempt();

  return {
    isLeader: () => leader,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await drop();
    },
  };
}
