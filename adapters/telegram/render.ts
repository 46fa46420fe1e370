import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Button } from '../../src/index.js';

/** Telegram's limits, counted in UTF-16 code units of the text after entity parsing. */
export const MESSAGE_MAX = 4096;
export const CAPTION_MAX = 1024;
/** callback_data may be 1 to 64 bytes. */
export const CALLBACK_DATA_MAX = 64;

/** Makes plain text safe inside an HTML-mode message: user text never becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * In a group, "@name" in a message notifies that member. A word joiner after "@" keeps
 * names typed by people (a display name, a goal) from turning into mentions.
 */
export function defuseMentions(text: string): string {
  return text.replace(/@(?=\w)/g, '@\u2060');
}

/**
 * Splits text into parts of at most `max` characters, preferring paragraph breaks, then
 * line breaks, then spaces; a hard cut never separates a surrogate pair.
 */
export function splitText(text: string, max = MESSAGE_MAX): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = lastBreak(window, '\n\n', max);
    if (cut <= 0) cut = lastBreak(window, '\n', max);
    if (cut <= 0) cut = lastBreak(window, ' ', max);
    if (cut <= 0) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    const head = rest.slice(0, cut).trimEnd();
    if (head !== '') parts.push(head);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim() !== '' || parts.length === 0) parts.push(rest);
  return parts;
}

/** The last place `sep` starts such that the text before it fits; too early a break is not worth it. */
function lastBreak(window: string, sep: string, max: number): number {
  const at = window.lastIndexOf(sep, max);
  return at >= max / 4 ? at : -1;
}

export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * The inline keyboard for a reply's buttons; each button's data is its command, so a press
 * still works after a restart. A command too long for callback_data is left out and reported.
 */
export function inlineKeyboard(
  buttons: readonly (readonly Button[])[] | undefined,
  onTooLong: (command: string) => void,
): InlineKeyboardMarkup | undefined {
  if (!buttons) return undefined;
  const rows = buttons
    .map((row) => row.filter((b) => {
      const fits = b.command.length > 0 && byteLength(b.command) <= CALLBACK_DATA_MAX;
      if (!fits) onTooLong(b.command);
      return fits;
    }).map((b) => ({ text: b.label, callback_data: b.command })))
    .filter((row) => row.length > 0);
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}
