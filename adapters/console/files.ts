import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePlatformId, type Attachment, type PersonFiles } from '../../src/index.js';

/**
 * Pictures and exports the console saves so the person can open them. Each is readable by its
 * owner only, lives until that person types their next line (they have seen it by then), and
 * goes at once on their /delete and when the session ends. A session that died leaves nothing
 * behind for long: the next one clears the folder first.
 */
export class ConsoleFiles implements PersonFiles {
  private readonly kept = new Map<string, Set<string>>();

  constructor(private readonly dir: string) {}

  /** Clears files an earlier session left behind. */
  start(): void {
    if (existsSync(this.dir)) for (const f of readdirSync(this.dir)) rmSync(join(this.dir, f), { force: true, recursive: true });
  }

  /** Saves a file for an account; returns its path. */
  save(account: string, a: Attachment): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    const who = (parsePlatformId(account)?.own ?? 'someone').replace(/[^\p{L}\p{N}_.-]/gu, '_');
    const path = resolve(join(this.dir, `${who}-${a.filename.replace(/[^\p{L}\p{N}_.-]/gu, '_')}`));
    // A file of the same name keeps its old mode when rewritten: start afresh.
    if (existsSync(path)) unlinkSync(path);
    writeFileSync(path, a.data, { mode: 0o600 });
    chmodSync(path, 0o600);
    this.kept.set(account, (this.kept.get(account) ?? new Set()).add(path));
    return path;
  }

  /** The account's files were shown: they go. */
  forget(account: string): void {
    for (const path of this.kept.get(account) ?? []) rmSync(path, { force: true });
    this.kept.delete(account);
  }

  forgetAll(): void {
    for (const account of [...this.kept.keys()]) this.forget(account);
  }

  async erase(accounts: readonly string[]): Promise<void> {
    for (const a of accounts) this.forget(a);
  }
}
