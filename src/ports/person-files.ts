/**
 * Files an adapter keeps for a person outside the database (the console saves pictures and
 * exports so they can be opened). /delete erases them with everything else.
 */
export interface PersonFiles {
  /** Removes every file kept for these accounts. */
  erase(accounts: readonly string[]): Promise<void>;
}
