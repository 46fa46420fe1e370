/** Row shapes exactly as stored. The store's query modules convert them to domain types. */
export interface PeopleTable {
  id: string;
  role: string | null;
  timezone: string;
  prompt_time: string | null;
  prompt_days: string;
  quiet_start: string | null;
  quiet_end: string | null;
  paused_until: string | null;
  awaiting: string | null;
  joined_on: string;
  created_at: string;
  next_prompt_at: string | null;
  pending_prompt_date: string | null;
  last_prompt_date: string | null;
  reminder_at: string | null;
  grace_at: string | null;
  grace_date: string | null;
  next_summary_at: string | null;
  /** Prompts sent since the last check-in: after a week of them the prompts back off. */
  unanswered_prompts: number;
}

export interface AccountsTable {
  id: string;
  person_id: string;
  platform: string;
  display_name: string | null;
  created_at: string;
  last_seen_at: string | null;
  unreachable_at: string | null;
  dm_seen_at: string | null;
}

export interface CheckinsTable {
  person_id: string;
  local_date: string;
  zone: string;
  /** Sealed JSON of the day's answers: status, mood, feeling word, safety, healing work. */
  answers: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  /** Before answers were sealed they were kept in these columns; the first start with a key moves them into `answers`. */
  status: string | null;
  mood: number | null;
  feeling: string | null;
  healing_work: string;
  safe: number | null;
}

export interface SobrietyPeriodsTable {
  id: string;
  person_id: string;
  start_date: string;
  end_date: string | null;
  created_at: string;
}

export interface CirclesTable {
  id: string;
  person_id: string;
  circle: string;
  text: string;
  created_at: string;
}

export interface MilestonesTable {
  person_id: string;
  kind: string;
  period_start: string;
  days: number;
  celebrated: number;
  reached_at: string;
}

export interface EncouragementSeenTable {
  person_id: string;
  message_id: string;
  seen_at: string;
}

export interface GoalsTable {
  id: string;
  person_id: string;
  text: string;
  due_date: string | null;
  done_at: string | null;
  created_at: string;
}

export interface BoundariesTable {
  id: string;
  person_id: string;
  text: string;
  created_at: string;
}

/** A boundary shown to the other side of one partner link. */
export interface BoundarySharesTable {
  boundary_id: string;
  link_id: string;
  shared_at: string;
}

/** One sealed value that only this database's key opens: a wrong key is caught at start, not at the first read. */
export interface DataKeyCheckTable {
  id: string;
  check_value: string;
  created_at: string;
}

export interface ProcessedEventsTable {
  key: string;
  processed_at: string;
}

export interface LinksTable {
  id: string;
  person_id: string;
  supporter_id: string;
  relation: string;
  scopes: string;
  created_at: string;
  ended_at: string | null;
  partner_level: string | null;
  receiving_paused: number;
  ready: number;
  reached_out_at: string | null;
  /** A sponsor's or coach's half of the link: what they want to receive (comma-separated scopes). */
  wants: string;
  /** A partner who agreed to receive missed-check-in alerts and SOS calls. */
  on_call: number;
}

export interface InvitesTable {
  code_hash: string;
  person_id: string;
  relation: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface CodeAttemptsTable {
  account_id: string;
  at: string;
}

export interface FanosEntriesTable {
  link_id: string;
  person_id: string;
  round: string;
  answers: string;
  created_at: string;
  shared_at: string | null;
  /** The writer saw the whole of it and chose to share it. */
  ready_at: string | null;
  /** The writer chose to hold it back for now. */
  held_at: string | null;
  /** Why it is held: 'planned' (a planned conversation) or 'professional' (with a therapist or coach). */
  hold_reason: string | null;
}

/** One row per person, local day and kind of heavy moment met (the last week only). */
export interface HeavyMomentsTable {
  person_id: string;
  local_date: string;
  kind: string;
  /** The wording variant shown last. */
  variant: number;
  times: number;
  last_at: string;
}

export interface GroupsTable {
  id: string;
  title: string | null;
  timezone: string;
  prompt_time: string;
  next_prompt_at: string | null;
  next_rollcall_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  person_id: string;
  named: number;
  celebrate: number;
  joined_at: string;
}

export interface OutboxTable {
  id: string;
  idem_key: string;
  kind: string;
  platform: string;
  chat_id: string;
  chat_kind: string;
  recipient_id: string | null;
  about_id: string | null;
  /** A MessageTopic: what the message is about. */
  topic: string;
  /** The local date the message is about (a prompt's day, a day's status), when it is about one. */
  about_date: string | null;
  /** Scopes the recipient must still hold on their link with `about_id` when it is sent (comma-separated). */
  needs_scopes: string | null;
  /** Relapse news (it reports or corrects a relapse), for rows queued before the flag moved into the sealed payload; new rows hold 0. */
  reports_relapse: number;
  /** For status news and its corrections: the day's status it tells, sealed (kept after delivery: a later change of the day sends one correction). */
  tells_status: string | null;
  /** The link the message goes through, when its consent is the link's own (FANOS: while ready). */
  link_id: string | null;
  /** A platform message to change in place instead of sending a new one. */
  replaces_message_id: string | null;
  urgent: number;
  /** Which goes first (0 SOS … 3 scheduled; src/domain/delivery-priority.ts), set at enqueue from the topic. */
  priority: number;
  /** The sealed message (and whether it reports a relapse) while it may still be sent; '' once delivered or given up on. */
  payload: string;
  status: string;
  attempts: number;
  not_before: string;
  claimed_at: string | null;
  sent_at: string | null;
  last_error: string | null;
  platform_message_id: string | null;
  created_at: string;
}

/** The console's simulated clock: one row, how far it runs ahead of real time. */
export interface SimulatedClockTable {
  id: string;
  ahead_ms: number;
  updated_at: string;
}

export interface Database {
  people: PeopleTable;
  accounts: AccountsTable;
  checkins: CheckinsTable;
  sobriety_periods: SobrietyPeriodsTable;
  circles: CirclesTable;
  milestones: MilestonesTable;
  encouragement_seen: EncouragementSeenTable;
  goals: GoalsTable;
  boundaries: BoundariesTable;
  boundary_shares: BoundarySharesTable;
  data_key_check: DataKeyCheckTable;
  processed_events: ProcessedEventsTable;
  links: LinksTable;
  outbox: OutboxTable;
  invites: InvitesTable;
  code_attempts: CodeAttemptsTable;
  fanos_entries: FanosEntriesTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  simulated_clock: SimulatedClockTable;
  heavy_moments: HeavyMomentsTable;
}
