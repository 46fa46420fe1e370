import type { CommandContext } from './context.js';
import { RELATIONS, type Relation } from '../domain/consent.js';
import { displayNameOf, linksOf, type Link } from '../store/links.js';

export interface LinkView {
  link: Link;
  /** 1-based position in /links, which people use to refer to a link. */
  n: number;
  otherId: string;
  otherName: string;
  /** The caller shares through this link (they are the person), or supports (they receive). */
  side: 'sharing' | 'supporting';
}

/** The caller's active links, as /links shows them. */
export async function myLinks(ctx: CommandContext): Promise<LinkView[]> {
  const links = await linksOf(ctx.deps.db, ctx.person.id);
  const out: LinkView[] = [];
  for (const [i, link] of links.entries()) {
    const sharing = link.personId === ctx.person.id;
    const otherId = sharing ? link.supporterId : link.personId;
    out.push({ link, n: i + 1, otherId, otherName: await displayNameOf(ctx.deps.db, otherId), side: sharing ? 'sharing' : 'supporting' });
  }
  return out;
}

/**
 * The authorization rule for acting on a link: a person can only reach links they are
 * part of, named by their number in /links or the other person's name. Anything else
 * resolves to nothing, whoever asks.
 */
export async function findMyLink(ctx: CommandContext, ref: string): Promise<LinkView | { problem: string }> {
  const mine = await myLinks(ctx);
  if (mine.length === 0) return { problem: 'You have no links yet. /invite sponsor gives a code to share with someone you trust.' };
  const wanted = ref.trim().toLowerCase();
  const byNumber = /^\d{1,3}$/.test(wanted) ? mine.find((l) => l.n === Number(wanted)) : undefined;
  const byName = mine.filter((l) => l.otherName.toLowerCase() === wanted || l.link.id === wanted);
  const hit = byNumber ?? (byName.length === 1 ? byName[0] : undefined);
  if (hit) return hit;
  const list = mine.map((l) => `${l.n}. ${l.otherName}`).join(', ');
  return { problem: byName.length > 1 ? `More than one link matches; use its number: ${list}.` : `I couldn't find that link. Use a number or name from /links: ${list}.` };
}

export function isRelation(s: string): s is Relation {
  return (RELATIONS as readonly string[]).includes(s);
}
