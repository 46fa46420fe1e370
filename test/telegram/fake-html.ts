// Telegram's HTML parse mode, as strictly as the real server: the supported tags become
// entities, the four named entities and numeric ones are decoded, and anything else that
// looks like markup is an error. Offsets are in UTF-16 code units, like Telegram's.

export interface Entity { type: string; offset: number; length: number; url?: string }

const TAGS: Record<string, string> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', code: 'code', pre: 'pre',
  a: 'text_link', 'tg-spoiler': 'spoiler', span: 'spoiler', blockquote: 'blockquote', 'tg-emoji': 'custom_emoji',
};
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export function parseTelegramHtml(html: string): { text: string; entities: Entity[] } | { error: string } {
  let text = '';
  const entities: Entity[] = [];
  const open: { tag: string; offset: number; url?: string }[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '&') {
      const m = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(html.slice(i, i + 12));
      if (!m) return { error: `Character '&' is reserved and must be escaped, at byte offset ${i}` };
      const name = m[1]!;
      if (name.startsWith('#')) text += String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      else if (NAMED[name] !== undefined) text += NAMED[name];
      else return { error: `Unsupported HTML entity "${name}" at byte offset ${i}` };
      i += m[0].length;
      continue;
    }
    if (ch === '<') {
      const close = html.indexOf('>', i);
      if (close === -1) return { error: `Unclosed start tag at byte offset ${i}` };
      const inner = html.slice(i + 1, close);
      const end = inner.startsWith('/');
      const name = (end ? inner.slice(1) : inner).trim().split(/\s/)[0]!.toLowerCase();
      const type = TAGS[name];
      if (!type) return { error: `Unsupported ${end ? 'end' : 'start'} tag "${name}" at byte offset ${i}` };
      if (end) {
        const top = open.pop();
        if (!top || top.tag !== name) return { error: `Unmatched end tag at byte offset ${i}, expected "</${top?.tag ?? ''}>", found "</${name}>"` };
        const e: Entity = { type, offset: top.offset, length: text.length - top.offset };
        if (top.url) e.url = top.url;
        if (e.length > 0) entities.push(e);
      } else {
        const url = /href="([^"]*)"/.exec(inner)?.[1];
        open.push({ tag: name, offset: text.length, ...(url ? { url } : {}) });
      }
      i = close + 1;
      continue;
    }
    if (ch === '>') return { error: `Character '>' is reserved and must be escaped, at byte offset ${i}` };
    text += ch;
    i += 1;
  }
  if (open.length > 0) return { error: `Can't find end tag corresponding to start tag "${open[open.length - 1]!.tag}"` };
  return { text, entities: [...entities, ...mentionsIn(text)].sort((a, b) => a.offset - b.offset) };
}

/** Telegram turns @username in plain text into a mention, which notifies that member. */
function mentionsIn(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(/(?<![\w@])@[A-Za-z0-9_]{5,32}(?![\w])/g)) out.push({ type: 'mention', offset: m.index, length: m[0].length });
  return out;
}
