import { Writable } from 'node:stream';

const LABEL: Record<number, string> = { 40: 'Note', 50: 'Problem', 60: 'Problem' };

/**
 * Where the console bot's log goes when nobody asked for a log level: warnings and errors
 * as sentences a person reads at the terminal, not JSON lines meant for a log collector.
 * (With LOG_LEVEL set, or on a platform, logs stay JSON on stderr.)
 */
export function consoleNotices(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        if (line.trim() === '') continue;
        out.write(`${noticeOf(line)}\n`);
      }
      done();
    },
  });
}

/** One JSON log line as a sentence: "Note: …". */
export function noticeOf(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string };
    const label = LABEL[entry.level ?? 40] ?? (entry.level !== undefined && entry.level > 50 ? 'Problem' : 'Note');
    const msg = (entry.msg ?? '').trim();
    return `${label}: ${msg}${/[.!?]$/.test(msg) ? '' : '.'}`;
  } catch {
    return line;
  }
}
