import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { LocalDate } from '../domain/local-date.js';
import type { AccountId, Person } from '../domain/person.js';
import type { Log } from '../log.js';
import type { ChatRef } from '../ports/inbound.js';
import type { Db } from '../store/database.js';
import type { TextSeal } from '../store/sealed-text.js';

/** What the core is built from; one named object, no positional optionals. */
export interface CoreDeps {
  db: Db;
  clock: Clock;
  config: Config;
  log: Log;
  seal: TextSeal;
  /** [0,1); injectable so encouragement choices and codes are reproducible in tests. */
  random: () => number;
}

/** What the scheduler works with: no random choices, nothing of a person's request. */
export type SchedulerDeps = Omit<CoreDeps, 'random'>;

/** Everything a command handler may use: who asked, where, and when in their own day. */
export interface CommandContext {
  deps: CoreDeps;
  person: Person;
  account: AccountId;
  chat: ChatRef;
  now: Date;
  /** The person's local date right now, in their zone. */
  today: LocalDate;
  /** In a group: the adapter verified with the platform that the sender manages it. */
  senderIsGroupAdmin: boolean;
  /** A link that opens the bot on the asker's platform and starts it with `payload`; null where there is none. */
  startLink(payload: string): Promise<string | null>;
}
