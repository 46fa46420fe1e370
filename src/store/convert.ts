/*
 * The storage boundary: instants travel as UTC ISO text and booleans as 0/1, so neither
 * SQLite's lack of types nor a driver's Date handling leaks into the core.
 */
export function toDbInstant(d: Date): string {
  return d.toISOString();
}

export function fromDbInstant(s: string): Date {
  return new Date(s);
}

export function toDbBool(b: boolean): number {
  return b ? 1 : 0;
}

export function fromDbBool(n: number | boolean): boolean {
  return n === true || n === 1;
}
