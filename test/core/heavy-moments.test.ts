// Heavy moments: a crisis reply of its own, by kind and role; the follow-through of its buttons;
// honest answers when nobody can be told; a shorter reply the second time in a day.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { tellButtonLabel } from '../../src/messages/heavy-replies.js';
import type { Reply } from '../../src/ports/reply.js';
import { tempDir } from '../helpers/core-harness.js';
import { indiscreetTermsIn } from '../scheduler/simulation.js';
import { createWorld, HOUR, type Actor, type World } from '../relationships/world.js';

let world: World | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await world?.close();
  world = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function phraseFile(text: string): string {
  const dir = tempDir();
  dirs.push(dir);
  const file = join(dir, 'phrases.txt');
  writeFileSync(file, text);
  return file;
}

const commands = (r: Reply) => (r.buttons ?? []).flat().map((b) => b.command);
const labels = (r: Reply) => (r.buttons ?? []).flat().map((b) => b.label);

/** Words that belong to other replies, never to a crisis reply. */
const NOT_IN_A_CRISIS_REPLY = [/Any healing work/, /\/checkin did:/, /Checked in for/, /\/sos/, /use \/sos/i, /🎉/];
/** The urge script: never in a reply to thoughts of suicide or self-harm. */
const URGE_SCRIPT = /urge|act(?:ing)? out|sponsor, or someone from your group\.$|hungry, angry|rises and falls/im;

async function alone(role: 'recovery' | 'partner' | 'supporter' = 'recovery', env: Record<string, string> = {}) {
  const w = await createWorld({ env });
  world = w;
  const alice = w.actor('Alice');
  await w.onboard(alice, role);
  return { w, alice };
}

/** Alice with Sam, her sponsor (SOS by default), and Pat, her partner (who receives nothing unless they choose). */
async function withSupporters(role: 'recovery' | 'partner' | 'supporter' = 'recovery') {
  const { w, alice } = await alone(role);
  const sam = w.actor('Sam');
  const pat = w.actor('Pat');
  await w.onboard(sam, 'supporter');
  await w.onboard(pat, 'partner');
  await w.link(alice, sam);
  await w.link(alice, pat, 'partner');
  await w.deliver();
  return { w, alice, sam, pat };
}

/** The order of the parts of a crisis reply, by where each begins. */
function expectInOrder(text: string, parts: (string | RegExp)[]) {
  const at = parts.map((p) => (typeof p === 'string' ? text.indexOf(p) : text.search(p)));
  for (const [i, n] of at.entries()) expect(n, `${String(parts[i])} in:\n${text}`).toBeGreaterThanOrEqual(0);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
}

async function one(w: World, who: Actor, text: string): Promise<Reply> {
  const replies = await w.send(who, text);
  expect(replies, replies.map((r) => r.text).join('\n---\n')).toHaveLength(1);
  return replies[0]!;
}

describe('a crisis reply of its own', () => {
  it('a note with suicidal words: heard first, help first, one question, one tap — and the check-in saved quietly', async () => {
    const { w, alice } = await withSupporters();
    const r = await one(w, alice, '/checkin sober mood:2 note:Everything feels pointless since Friday. Sometimes I want to die.');
    expectInOrder(r.text, [
      /^What you wrote sounds like you're thinking about ending your life/,
      'call your local emergency number (112 in Europe, 911 in the US and Canada, 999 in the UK, 000 in Australia) now',
      '988', 'Samaritans on 116 123', 'findahelpline.com',
      'not a therapist or an emergency service',
      'Are you safe right now?',
      "One tap below lets Sam know you'd like support now.",
      'Your check-in for Tue 10 Mar is saved. You can add to it later today with /checkin',
    ]);
    for (const bad of NOT_IN_A_CRISIS_REPLY) expect(r.text).not.toMatch(bad);
    expect(r.text).not.toMatch(URGE_SCRIPT);
    expect(commands(r)).toEqual(['/sos safe self-harm', '/sos unsafe self-harm', '/sos tell self-harm']);
    expect(labels(r)).toEqual(["I'm safe right now", "I'm not safe", 'Tell Sam']);
    // Saved quietly: the check-in and its note are there; nobody was told anything yet.
    const exported = await w.exported(alice) as { checkins: { status: string; mood: number; note: string }[] };
    expect(exported.checkins).toMatchObject([{ status: 'sober', mood: 2, note: expect.stringContaining('I want to die') }]);
    await w.deliver();
    expect(w.all().filter((d) => d.kind === 'sos')).toEqual([]);
  });

  const KINDS = {
    'self-harm': { say: 'note:I keep thinking about ending my life', has: ['not a therapist'], not: [URGE_SCRIPT, /code word/] },
    urge: { say: "note:I'm about to act out", has: ['For the next few minutes', 'your days in recovery still count', 'call your local emergency number'], not: [/code word/] },
    safety: { say: 'note:he hit me again last night', has: ['National Domestic Violence Hotline', '0808 2000 247', 'code word', 'clear this chat'], not: [URGE_SCRIPT] },
  } as const;
  const ROLE_LINE = {
    recovery: 'Your sponsor, or someone from your group',
    partner: 'betrayal trauma',
    supporter: 'If this is about someone you support',
  } as const;

  for (const role of ['recovery', 'partner', 'supporter'] as const) {
    for (const [kind, k] of Object.entries(KINDS)) {
      it(`${kind} words from a person ${role === 'recovery' ? 'in recovery' : `who is a ${role}`}: ack, help, question, tell — in that order`, async () => {
        const { w, alice } = await withSupporters(role);
        const r = await one(w, alice, `/checkin mood:3 ${k.say}`);
        expectInOrder(r.text, [/^\S/, /emergency|in danger/, /findahelpline\.com/, 'Are you safe right now?', 'lets Sam know', 'Your check-in for']);
        for (const s of k.has) expect(r.text).toContain(s);
        for (const re of k.not) expect(r.text).not.toMatch(re);
        for (const bad of NOT_IN_A_CRISIS_REPLY) expect(r.text).not.toMatch(bad);
        // The role's own line goes with thoughts of suicide only.
        if (kind === 'self-harm') expect(r.text).toContain(ROLE_LINE[role]);
        else for (const line of Object.values(ROLE_LINE)) expect(r.text).not.toContain(line);
        expect(commands(r)).toEqual([`/sos safe ${kind}`, `/sos unsafe ${kind}`, `/sos tell ${kind}`]);
      });
    }
  }

  it('mood 1 on a sober day: the crisis lines, not an urge script — a very low day is not an urge', async () => {
    const { w, alice } = await alone('recovery');
    const r = await one(w, alice, '/checkin sober mood:1');
    expect(r.text).toMatch(/^You said today is as low as it gets: 1 of 5/);
    expect(r.text).toContain('Samaritans on 116 123');
    expect(r.text).not.toMatch(URGE_SCRIPT);
    expect(r.text).not.toContain('If you have already slipped');
  });

  it('mood 1: urge and relapse support for a person in recovery after a slip, the crisis lines and betrayal-trauma support for a partner', async () => {
    const { w, alice } = await alone('recovery');
    const r = await one(w, alice, '/checkin relapse mood:1');
    expect(r.text).toMatch(/^You said today is as low as it gets: 1 of 5/);
    expect(r.text).toContain('your days in recovery still count');
    expect(r.text).not.toMatch(/reflection|new sobriety date|Any healing work/i);
    const pat = w.actor('Pat');
    await w.onboard(pat, 'partner');
    const p = await one(w, pat, '/checkin mood:1');
    expect(p.text).toMatch(/^You said today is as low as it gets/);
    expect(p.text).toContain('betrayal trauma');
    expect(p.text).not.toMatch(URGE_SCRIPT);
    expect(p.text).not.toContain('Do you feel safe today?');
    // A later tap on the same check-in is the usual answer again, and the crisis reply does not repeat.
    const later = await w.send(pat, '/checkin did:+selfcare');
    expect(later).toHaveLength(1);
    expect(later[0]!.text).toContain('Updated your check-in');
  });

  it('a partner who is not safe today hears about safety from another person', async () => {
    const { w, alice } = await alone('partner');
    await w.send(alice, '/checkin mood:3');
    const r = await one(w, alice, '/checkin safe:no');
    expectInOrder(r.text, [/^You said you don't feel safe today/, 'If you are in danger right now, call', 'National Domestic Violence Hotline', 'A few things that can help keep you safe', 'Are you safe right now?']);
    expect(r.text).toContain('Nobody is linked here as your supporter yet');
    expect(commands(r)).toEqual(['/sos safe safety', '/sos unsafe safety']);
  });

  it('anything typed to the bot alone is heard: a crisis reply in any language, a gentle question when unsure', async () => {
    const { w, alice } = await alone('recovery');
    const de = await one(w, alice, 'Ich will nicht mehr leben.');
    expect(de.text).toMatch(/^What you wrote sounds like you're thinking about ending your life/);
    expect(de.text).not.toContain('Your check-in');
    const gentle = await one(w, alice, 'ich kann nicht mehr');
    expect(gentle.text).toBe('What you wrote sounds heavy. How are you doing, right now?');
    expect(commands(gentle)).toEqual(['/sos okay', '/sos notokay self-harm']);
    expect(await w.say(alice, '/sos okay')).toContain('Hard days are real');
    expect(await w.say(alice, '/sos notokay self-harm')).toMatch(/^[^\n]*not okay/);
    expect(await w.say(alice, 'hello there')).toMatch(/command/i);
    // A heavy moment in another command comes first; the command still does its work.
    const goal = await w.send(alice, '/goal add stop wanting to kill myself');
    expect(goal.map((r) => r.text)).toEqual([expect.stringContaining('Are you safe right now?'), expect.stringMatching(/^Goal 1 set/)]);
  });

  it('in a group, conversation is not read for crisis words', async () => {
    const { w, alice } = await alone('recovery');
    const group = { id: 'console:group-1', kind: 'group' as const };
    expect(await w.send(alice, 'I want to die of laughter, this movie', { chat: group })).toEqual([]);
  });
});

describe('after the question', () => {
  it('"I\'m not safe" tells the SOS supporters at once, through quiet hours, and says who was told', async () => {
    const { w, alice, sam, pat } = await withSupporters();
    await w.say(sam, '/quiet 22:00-07:00');
    w.at('2026-03-10T23:00:00Z');
    await w.send(alice, '/checkin sober mood:1');
    const r = await one(w, alice, '/sos unsafe urge');
    expect(r.text).toMatch(/^I've told Sam that you're not safe right now\. They'll see it straight away, even at night\.\nIf you are in danger, call/);
    await w.deliver();
    const toSam = w.inbox(sam.account).filter((d) => d.kind === 'sos');
    expect(toSam).toHaveLength(1);
    expect(toSam[0]!.at.toISOString()).toBe('2026-03-10T23:00:00.000Z');
    expect(toSam[0]!.text).toMatch(/^Alice says they are not safe right now\.\n/);
    expect(toSam[0]!.text).not.toMatch(/mood|relapse|urge|die/i);
    expect(commands(toSam[0]!.message.reply)).toEqual([expect.stringMatching(/^\/reachout /)]);
    // The partner chose to receive nothing, and is never made a responder.
    expect(w.inbox(pat.account).filter((d) => d.kind === 'sos')).toEqual([]);
    // Sam's button answers her.
    await w.send(sam, commands(toSam[0]!.message.reply)[0]!);
    await w.deliver();
    expect(w.inbox(alice.account).map((d) => d.text)).toContain('Sam got your call for support and is reaching out to you now.');
  });

  it('one tap tells them; a safety moment never tells a linked partner, who may be the one she is afraid of', async () => {
    const { w, alice, sam, pat } = await withSupporters();
    // A partner is on call only when both choose it: Alice shares SOS, Pat agrees to be on call.
    await w.say(pat, '/receive full');
    await w.say(pat, '/receive oncall');
    await w.say(alice, '/share Pat alerts,sos,milestones');
    const r = await one(w, alice, '/checkin sober mood:3 note:my partner threatened to hurt me');
    expect(r.text).toContain("One tap below lets Sam know you'd like support now.");
    expect(labels(r)).toContain('Tell Sam');
    expect(await w.say(alice, '/sos tell safety')).toBe("Done: I've let Sam know you'd like support now. They'll see it straight away, even at night.");
    await w.deliver();
    expect(w.inbox(sam.account).filter((d) => d.kind === 'sos').map((d) => d.firstLine)).toEqual(['Alice is reaching out for support right now.']);
    expect(w.inbox(pat.account).filter((d) => d.kind === 'sos')).toEqual([]);
    // Any other heavy moment reaches a partner who chose full news and was given SOS.
    const sos = await one(w, alice, '/sos');
    expect(sos.text).toMatch(/^You reached out, and that was the right thing to do\. I've let Sam and Pat know you need support right now\./);
  });

  it('"I\'m safe" gets a short, warm word and an offer to check in later that day, which comes then', async () => {
    const { w, alice } = await alone('recovery');
    w.at('2026-03-10T15:00:00Z');
    await w.send(alice, '/checkin sober mood:1');
    const safe = await one(w, alice, '/sos safe urge');
    expect(safe.text).toMatch(/glad you're safe/);
    expect(safe.text).toContain('Would you like me to check on you later today, around 18:00?');
    expect(commands(safe)).toEqual(['/sos later urge', '/sos nolater']);
    expect(await w.say(alice, '/sos later urge')).toBe("I'll check on you around 18:00. Look after yourself until then.");
    await w.deliver();
    expect(w.inbox(alice.account)).toEqual([]);
    w.at('2026-03-10T18:00:00Z');
    await w.deliver();
    const check = w.inbox(alice.account);
    expect(check.map((d) => d.text)).toEqual(['Checking in, as I said I would.\nHow are you doing now?']);
    expect(commands(check[0]!.message.reply)).toEqual(['/sos okay', '/sos notokay urge']);
  });

  it('late in the day, no check later is offered: not past midnight, not in the night, not in quiet hours', async () => {
    const { w, alice } = await alone('recovery');
    w.at('2026-03-10T21:30:00Z');
    const safe = await one(w, alice, '/sos safe self-harm');
    expect(safe.text).toContain("I'm here whenever you want to write");
    expect(safe.buttons ?? []).toEqual([]);
    await w.say(alice, '/quiet 15:00-18:00');
    w.at('2026-03-10T14:00:00Z');
    expect(await w.say(alice, '/sos safe self-harm')).toContain("I'm here whenever you want to write");
    w.at('2026-03-10T13:30:00Z');
    expect(await w.say(alice, '/sos safe self-harm')).toContain('around 14:30?');
  });
});

describe('on a lock screen', () => {
  it('what the bot starts after a heavy moment names nothing in its first two lines: alerts, the check later', async () => {
    const { w, alice, sam } = await withSupporters();
    w.at('2026-03-10T13:00:00Z');
    await w.send(alice, "/checkin relapse mood:1 note:I'm about to act out again, I want to die");
    for (const tap of ['/sos tell self-harm', '/sos unsafe self-harm', '/sos', '/sos later self-harm']) {
      await w.send(alice, tap);
      w.advance(60_000);
    }
    w.at('2026-03-10T23:00:00Z');
    await w.deliver();
    const started = [...w.inbox(sam.account), ...w.inbox(alice.account)].filter((d) => d.at >= new Date('2026-03-10T13:00:00Z'));
    expect(started.map((d) => d.kind).sort()).toEqual(['reply', 'sos', 'sos', 'sos']);
    for (const d of started) {
      const twoLines = d.text.split('\n').slice(0, 2).join(' ');
      expect(indiscreetTermsIn(twoLines), twoLines).toEqual([]);
      expect(twoLines).not.toMatch(/die|suicid|self-harm|urge|crisis/i);
    }
  });
});

describe('the one-tap button', () => {
  it('names up to two people, and stays short for any platform', () => {
    expect(tellButtonLabel(['Sam'])).toBe('Tell Sam');
    expect(tellButtonLabel(['Sam', 'Jo'])).toBe('Tell Sam and Jo');
    expect(tellButtonLabel(['Sam', 'Jo', 'Kim'])).toBe('Tell my 3 supporters');
    expect(tellButtonLabel(['Bartholomew Alexander Featherstonehaugh'])).toBe('Tell my supporter');
  });
});

describe('honest when nobody can be told', () => {
  it('nobody linked: says so, how to change it, and offers no tap that would reach nobody', async () => {
    const { w, alice } = await alone('recovery');
    const r = await one(w, alice, '/checkin sober mood:1');
    expect(r.text).toContain('Nobody is linked here as your supporter yet, so there is nobody I can tell for you. When you feel ready, /invite sponsor gives you a code');
    expect(commands(r)).toEqual(['/sos safe self-harm', '/sos unsafe self-harm']);
    expect(await w.say(alice, '/sos unsafe self-harm')).toMatch(/^There is nobody linked here whom I can tell, and I'm sorry for that\.\nIf you are in danger, call your local emergency number/);
  });

  it('linked, but nobody receives SOS calls: says so, and where to change it', async () => {
    const { w, alice } = await withSupporters();
    await w.say(alice, '/share Sam milestones');
    const r = await one(w, alice, '/checkin sober mood:1');
    expect(r.text).toContain("The people linked with you here don't receive SOS calls, so there is nobody I can tell for you yet. /links shows");
  });

  it('/sos says each thing once, never says to use /sos, and is honest when nobody is reached', async () => {
    const { w, alice } = await alone('recovery');
    const r = await one(w, alice, '/sos');
    expect(r.text).not.toContain('/sos');
    expect(r.text.match(/Are you safe right now\?/g)).toHaveLength(1);
    expect(r.text.match(/For the next few minutes/g)).toHaveLength(1);
    expect(r.text.match(/emergency number/g)).toHaveLength(1);
    expectInOrder(r.text, [/^You reached out/, 'Nobody is linked here as your supporter yet', 'The people on the lines below are there for you right now.', 'call your local emergency number', 'Are you safe right now?']);
    expect(commands(r)).toEqual(['/sos safe urge', '/sos unsafe urge']);
  });
});

describe('not the same block every time', () => {
  it('the full help once a day per kind; later that day a short line, other words, and all of it on request', async () => {
    const { w, alice } = await withSupporters();
    const first = await one(w, alice, '/checkin sober mood:3 note:I want to die');
    const second = await one(w, alice, '/checkin note:I still want to die tonight');
    expect(second.text.length).toBeLessThan(first.text.length * 0.7);
    expect(second.text.split('\n\n')[0]).not.toBe(first.text.split('\n\n')[0]);
    expect(second.text).toContain('Emergency: your local number. Lines: 988 (US, Canada), Samaritans 116 123 (UK, Ireland), findahelpline.com elsewhere.');
    expect(second.text).not.toContain('not a therapist');
    expect(labels(second)).toContain('Show all the help');
    const all = await one(w, alice, '/sos help self-harm');
    expect(all.text).toContain('Samaritans on 116 123');
    expect(all.text).toContain('not a therapist');
    // Another kind the same day has its own full help; the next day, the full help again.
    expect(await w.say(alice, '/sos')).toContain('For the next few minutes');
    w.advance(24 * HOUR);
    const nextDay = await one(w, alice, '/checkin sober mood:3 note:I want to die');
    expect(nextDay.text).toContain('Samaritans on 116 123');
    expect(nextDay.text.split('\n\n')[0]).not.toBe(first.text.split('\n\n')[0]);
  });
});

describe('a supporter who receives a low mood', () => {
  it('gets a way to act, not a bare number, and never the words', async () => {
    const { w, alice, sam } = await withSupporters();
    await w.say(alice, '/share Sam alerts,sos,milestones,status,mood');
    await w.send(alice, '/checkin sober mood:1');
    w.advance(24 * HOUR);
    await w.send(alice, '/checkin sober mood:3 note:some nights I want to end it all');
    w.advance(24 * HOUR);
    await w.send(alice, '/checkin sober mood:4 note:a good day');
    // Each day's news goes once the check-in has been quiet for a while (issue 15).
    w.advance(15 * 60_000);
    await w.deliver();
    const news = w.inbox(sam.account).filter((d) => d.kind === 'link' && d.text.startsWith('A check-in from Alice'));
    expect(news.map((d) => d.text)).toEqual([
      'A check-in from Alice.\nTue 10 Mar, as they shared it:\nA sober day ✓.\nMood: 1 of 5.\nToday looks very heavy for them. A call or a short message from you could mean a lot.',
      'A check-in from Alice.\nWed 11 Mar, as they shared it:\nA sober day ✓.\nMood: 3 of 5.\nToday looks very heavy for them. A call or a short message from you could mean a lot.',
      'A check-in from Alice.\nThu 12 Mar, as they shared it:\nA sober day ✓.\nMood: 4 of 5.',
    ]);
    expect(news.map((d) => labels(d.message.reply))).toEqual([["I'm reaching out"], ["I'm reaching out"], []]);
  });
});

describe('what an admin sets', () => {
  it('CRISIS_REGION puts the country’s lines first, for each kind', async () => {
    const { w, alice } = await alone('partner', { CRISIS_REGION: 'de' });
    const r = await one(w, alice, '/checkin mood:2 note:Ich will sterben');
    expectInOrder(r.text, ['call 112 (police: 110) now', 'In Germany: TelefonSeelsorge (0800 111 0 111 or 0800 111 0 222).', 'Anywhere else, findahelpline.com']);
    expect(r.text).not.toContain('988');
    const s = await one(w, alice, '/checkin safe:no');
    expect(s.text).toContain('In Germany: Hilfetelefon Gewalt gegen Frauen (116 016).');
    expect(await w.say(alice, '/checkin note:Ich will sterben, wirklich')).toContain('Emergency: 112 (police: 110). TelefonSeelsorge (0800 111 0 111 or 0800 111 0 222). Elsewhere: findahelpline.com.');
  });

  it('an admin’s own text: the kind’s, else the role’s, else CRISIS_TEXT; its first line is the short version', async () => {
    const env = { CRISIS_TEXT_SAFETY: 'Call 000 now.\\n1800RESPECT: 1800 737 732.', CRISIS_TEXT_RECOVERY: 'Lifeline: 13 11 14.\\nYour sponsor can help.', CRISIS_TEXT: 'Generic help.' };
    const { w, alice } = await alone('recovery', env);
    const urge = await one(w, alice, '/checkin middle mood:1');
    expect(urge.text).toContain('\n\nLifeline: 13 11 14.\nYour sponsor can help.\n\nAre you safe right now?');
    const again = await one(w, alice, '/checkin note:I am about to act out');
    expect(again.text).toContain('\n\nLifeline: 13 11 14.\n\nAre you safe right now?');
    const safety = await one(w, alice, '/checkin note:he hit me');
    expect(safety.text).toContain('\n\nCall 000 now.\n1800RESPECT: 1800 737 732.\n\n');
    const pat = w.actor('Pat');
    await w.onboard(pat, 'partner');
    expect(await w.say(pat, '/checkin mood:1')).toContain('\n\nGeneric help.\n\n');
  });

  it('CRISIS_PHRASES_FILE adds phrases in another language', async () => {
    const file = phraseFile('# Dutch\nself-harm: ik wil dood\n');
    const { w, alice } = await alone('recovery', { CRISIS_PHRASES_FILE: file });
    expect(await w.say(alice, '/checkin sober mood:3 note:Ik wil dood')).toMatch(/^What you wrote sounds like/);
  });

  it('a wrong CRISIS_REGION or phrase file stops the start with one line saying what was expected', async () => {
    expect(loadConfig({ CRISIS_REGION: 'de, uk, us' }).crisisRegions).toEqual(['DE', 'GB', 'US']);
    expect(() => loadConfig({ CRISIS_REGION: 'DE,XX' })).toThrow(/^CRISIS_REGION: expected country codes from AT, AU, .*US, separated by commas/);
    expect(() => loadConfig({ CRISIS_PHRASES_FILE: '/nonexistent/phrases.txt' })).toThrow(/^CRISIS_PHRASES_FILE: cannot read \/nonexistent\/phrases\.txt/);
    const file = phraseFile('self-harm: ok\nsad: too much\n');
    expect(() => loadConfig({ CRISIS_PHRASES_FILE: file })).toThrow('CRISIS_PHRASES_FILE: line 2: expected "kind: phrase", where kind is self-harm, urge, safety');
  });
});
