/** Small helpers for timings and memory: percentiles, a peak-RSS sampler, formatting. */

export interface Summary {
  n: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(sample: readonly number[]): Summary {
  const mean = sample.reduce((a, b) => a + b, 0) / Math.max(1, sample.length);
  return {
    n: sample.length,
    medianMs: round(percentile(sample, 50)),
    p99Ms: round(percentile(sample, 99)),
    maxMs: round(Math.max(...sample)),
    meanMs: round(mean),
  };
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const MB = 1024 * 1024;

export function mb(bytes: number): number {
  return round(bytes / MB, 1);
}

/**
 * Samples process RSS every few milliseconds so each phase can report its own peak; the
 * kernel's maxRSS (process.resourceUsage) catches what falls between samples.
 */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  private phasePeak = 0;
  peak = 0;

  start(intervalMs = 20): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    if (rss > this.phasePeak) this.phasePeak = rss;
    return rss;
  }

  /** Peak since the last call (the phase that just ended), in bytes. */
  endPhase(): number {
    this.sample();
    const p = this.phasePeak;
    this.phasePeak = process.memoryUsage.rss();
    return p;
  }
}

/**
 * Runs `fn` for items with at most `concurrency` in flight; returns the latencies (ms) of
 * the calls that ran. `fn` returning false means "time is up": no further items start.
 */
export async function runPool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<boolean | void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const i = next;
      next += 1;
      if (i >= items.length) return;
      const t = performance.now();
      if ((await fn(items[i]!)) === false) {
        stop = true;
        return;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return latencies;
}

export function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(digits);
}
