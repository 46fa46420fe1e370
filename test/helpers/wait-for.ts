/** Waits, polling every 25 ms, until `cond` holds; throws after `ms` (real time: for processes and connections). */
export async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
