/*
 * What `npm run discord:register` would change: the commands Discord has now against the ones
 * the catalog makes. Pure, so it is tested without a network.
 */

type Json = string | number | boolean | Json[] | { [key: string]: Json };
type Command = { [key: string]: Json };

export interface CommandDiff {
  added: string[];
  removed: string[];
  /** Each changed command with the paths of what differs, e.g. `description`, `options.mood.max_value`. */
  changed: { command: string; fields: string[] }[];
}

/** Fields Discord keeps for itself or derives (dm_permission from contexts); we never send them. */
const DISCORD_OWN = new Set(['id', 'application_id', 'guild_id', 'version', 'dm_permission', 'default_permission', 'name_localized', 'description_localized']);
/** Discord's docs: only for globally-scoped commands, so on a server a difference there changes nothing. */
const GLOBAL_ONLY = new Set(['contexts', 'integration_types']);

/**
 * Discord leaves out what is false, null or empty (`required: false`, `options: []`) and adds
 * null or false defaults (`default_member_permissions`, `nsfw`): both mean "not set".
 */
function normalise(value: unknown, skip: ReadonlySet<string>): Json | undefined {
  if (value === null || value === undefined || value === false) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v, skip)).filter((v): v is Json => v !== undefined);
    // Lists of plain values (contexts, integration types) are sets; lists of options keep their order.
    if (items.every((v) => typeof v !== 'object')) items.sort();
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === 'object') {
    const out: Command = {};
    // Sorted keys, so two objects compare equal whatever order Discord writes their fields in.
    for (const [k, v] of Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const n = skip.has(k) ? undefined : normalise(v, skip);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value as Json;
}

const isObject = (v: Json | undefined): v is Command => typeof v === 'object' && !Array.isArray(v);
const nameOf = (v: Json): string | null => (isObject(v) && typeof v.name === 'string' ? v.name : null);
const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** Paths under which `have` and `want` differ; options and choices are matched by name. */
function differences(have: Json | undefined, want: Json | undefined, path: string, out: string[]): void {
  if (same(have, want)) return;
  if (isObject(have) && isObject(want)) {
    for (const k of [...new Set([...Object.keys(have), ...Object.keys(want)])].sort()) {
      differences(have[k], want[k], path ? `${path}.${k}` : k, out);
    }
    return;
  }
  if (Array.isArray(have) && Array.isArray(want) && [...have, ...want].every((v) => nameOf(v) !== null)) {
    const h = new Map(have.map((v) => [nameOf(v)!, v]));
    const w = new Map(want.map((v) => [nameOf(v)!, v]));
    for (const [name, v] of w) {
      if (h.has(name)) differences(h.get(name), v, `${path}.${name}`, out);
      else out.push(`${path}.${name} (added)`);
    }
    for (const name of h.keys()) if (!w.has(name)) out.push(`${path}.${name} (removed)`);
    const order = (m: Map<string, Json>, other: Map<string, Json>) => [...m.keys()].filter((n) => other.has(n)).join();
    if (order(h, w) !== order(w, h)) out.push(`${path} (order)`);
    return;
  }
  out.push(path);
}

/** `/name` for slash commands; user and message commands (types 2, 3) share no names with them. */
function labelOf(c: Command): string {
  const type = typeof c.type === 'number' ? c.type : 1;
  return type === 1 ? `/${String(c.name)}` : `${String(c.name)} (type ${type})`;
}

export function diffCommands(current: readonly unknown[], wanted: readonly unknown[], opts: { guild?: boolean } = {}): CommandDiff {
  const skip = opts.guild ? new Set([...DISCORD_OWN, ...GLOBAL_ONLY]) : DISCORD_OWN;
  const byLabel = (list: readonly unknown[]) => new Map(list.map((c) => normalise(c, skip)).filter(isObject).map((c) => [labelOf(c), c]));
  const have = byLabel(current);
  const want = byLabel(wanted);
  const diff: CommandDiff = { added: [], removed: [], changed: [] };
  for (const [label, w] of want) {
    const h = have.get(label);
    if (!h) diff.added.push(label);
    else if (!same(h, w)) {
      const fields: string[] = [];
      differences(h, w, '', fields);
      diff.changed.push({ command: label, fields });
    }
  }
  for (const label of have.keys()) if (!want.has(label)) diff.removed.push(label);
  return diff;
}

export function describeDiff(diff: CommandDiff, scope: string): string {
  const { added, removed, changed } = diff;
  if (added.length + removed.length + changed.length === 0) return `No changes (${scope}): Discord has the catalog's commands.`;
  return [
    `Registering (${scope}) would add ${added.length}, remove ${removed.length} and change ${changed.length} commands:`,
    ...added.map((c) => `  + ${c}`),
    ...removed.map((c) => `  - ${c}`),
    ...changed.map((c) => `  ~ ${c.command}: ${c.fields.join(', ')}`),
    'Nothing was written.',
  ].join('\n');
}
