/**
 * Per-account command pacing: a flood from one account slows that account only. A small
 * burst is allowed (a few quick taps through a guided form), then one command every
 * `intervalMs`. State is in memory: it protects this process, and a restart forgets it.
 */
export class CommandRateLimit {
  private readonly accounts = new Map<string, { tokens: number; at: number; warned: boolean }>();

  constructor(private readonly burst = 10, private readonly intervalMs = 1_000, private readonly now: () => number = () => performance.now()) {}

  /** 'ok' to go ahead; 'warn' the first time over the limit (say so, kindly); 'drop' after that. */
  take(account: string): 'ok' | 'warn' | 'drop' {
    const t = this.now();
    let s = this.accounts.get(account);
    if (!s) {
      if (this.accounts.size > 100_000) this.accounts.clear();
      s = { tokens: this.burst, at: t, warned: false };
      this.accounts.set(account, s);
    }
    s.tokens = Math.min(this.burst, s.tokens + (t - s.at) / this.intervalMs);
    s.at = t;
    if (s.tokens >= 1) {
      s.tokens -= 1;
      s.warned = false;
      return 'ok';
    }
    if (s.warned) return 'drop';
    s.warned = true;
    return 'warn';
  }
}
