import {
  ButtonStyle, ComponentType, escapeMarkdown,
  type APIActionRowComponent, type APIButtonComponent, type APIComponentInMessageActionRow, type APIStringSelectComponent,
} from 'discord.js';
import type { Button, Reply } from '../../src/index.js';

/** Discord's limits for one message. */
export const LIMITS = { content: 2000, label: 80, customId: 100, buttonsPerRow: 5, rows: 5, menuOptions: 25 } as const;

/** Choices of one kind (zones, moods, healing work) from this many on are shown as a select menu. */
export const MENU_FROM = 5;

export interface RenderedFile {
  name: string;
  data: Buffer;
  contentType: string;
  description?: string;
}

/** One Discord message: a reply longer than Discord allows becomes several. */
export interface RenderedMessage {
  content: string;
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files: RenderedFile[];
}

/** Never lets text ping anyone, whatever it contains; sent with every message. */
export const NO_MENTIONS = { parse: [] as never[] };

/**
 * The core's plain text, shown literally: markdown is escaped, and mention, channel, emoji and
 * timestamp syntax (`<@1>`, `<#1>`, `</cmd:1>`) is broken so user text can never turn into one.
 */
export function escapeText(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    .replace(/<(?=[@#:/]|a:|t:)/g, '<\u200b');
}

export function renderReply(reply: Reply): RenderedMessage[] {
  const chunks = splitText(escapeText(reply.text), LIMITS.content);
  const rowsPerMessage = chunkArray(buttonRows(reply.buttons ?? []), LIMITS.rows);
  const messages: RenderedMessage[] = chunks.map((content) => ({ content, components: [], files: [] }));
  const last = messages.at(-1)!;
  // Buttons sit under the end of the text; more than five rows spill into a following message.
  last.components = rowsPerMessage[0] ?? [];
  for (const rows of rowsPerMessage.slice(1)) messages.push({ content: '', components: rows, files: [] });
  if (reply.attachment) last.files = [fileOf(reply.attachment)];
  return messages;
}

function fileOf(a: NonNullable<Reply['attachment']>): RenderedFile {
  return a.kind === 'image'
    ? { name: a.filename, data: Buffer.from(a.data), contentType: 'image/png', description: a.alt.slice(0, 1024) }
    : { name: a.filename, data: Buffer.from(a.data), contentType: a.mime };
}

/** What a choice sets: the command and the option it fills (`/checkin mood:`, `/timezone`). */
export function stemOf(command: string): string {
  const [name, arg] = command.split(' ');
  const key = arg && /^[a-z]+:/.exec(arg)?.[0];
  return key ? `${name} ${key}` : name!;
}

/**
 * Buttons, except that a run of many choices of one kind becomes a select menu (a time zone,
 * a mood, healing work): the menu's values are the same commands the buttons would send.
 */
function buttonRows(rows: readonly Button[][]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const all = rows.flat();
  const counts = new Map<string, number>();
  for (const b of all) counts.set(stemOf(b.command), (counts.get(stemOf(b.command)) ?? 0) + 1);
  const menus = new Map<string, Button[]>();
  const plain: Button[][] = [];
  for (const row of rows) {
    const rest: Button[] = [];
    for (const b of row) {
      const stem = stemOf(b.command);
      if ((counts.get(stem) ?? 0) >= MENU_FROM) menus.set(stem, [...(menus.get(stem) ?? []), b]);
      else rest.push(b);
    }
    if (rest.length > 0) plain.push(rest);
  }
  const menuRows = [...menus.entries()].map(([stem, choices]) => ({
    type: ComponentType.ActionRow as const,
    components: [menuOf(stem, choices)],
  }));
  return [...menuRows, ...plainButtonRows(plain)];
}

function menuOf(stem: string, choices: Button[]): APIStringSelectComponent {
  const values = new Set<string>();
  const options = choices.filter((c) => c.command.length <= LIMITS.customId && !values.has(c.command) && values.add(c.command))
    .slice(0, LIMITS.menuOptions)
    .map((c) => ({ label: truncate(c.label, LIMITS.label), value: c.command }));
  return { type: ComponentType.StringSelect, custom_id: `menu:${stem}`.slice(0, LIMITS.customId), placeholder: 'Choose…', options };
}

function plainButtonRows(rows: readonly Button[][]): APIActionRowComponent<APIButtonComponent>[] {
  const seen = new Set<string>();
  const out: APIActionRowComponent<APIButtonComponent>[] = [];
  for (const row of rows) {
    const buttons = row.flatMap((b) => {
      // custom_ids must be unique in a message; trailing spaces keep the command and vanish when it is trimmed.
      let id = b.command;
      while (seen.has(id)) id += ' ';
      if (id.length > LIMITS.customId || b.label.trim() === '') return [];
      seen.add(id);
      return [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: truncate(b.label, LIMITS.label), custom_id: id } as const];
    });
    for (const part of chunkArray(buttons, LIMITS.buttonsPerRow)) out.push({ type: ComponentType.ActionRow, components: part });
  }
  return out;
}

/** Splits at a line break (or else a space) so no piece is longer than `max`. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    // Never leave an escaping backslash at the end of a piece.
    while (cut > 1 && rest[cut - 1] === '\\') cut -= 1;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  out.push(rest);
  return out;
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function chunkArray<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
