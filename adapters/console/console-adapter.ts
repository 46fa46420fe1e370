import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ButtonBook } from './buttons.js';
import { parseClockCommand } from './clock-command.js';
import type { ConsolePort } from './console-port.js';
import { parsePlatformId, platformId, type Core, type Reply, type SettableClock } from '../../src/index.js';

export interface ConsoleOptions {
  core: Core;
  /** Messages the bot starts (prompts, reminders, alerts) arrive through this port. */
  port: ConsolePort;
  clock: SettableClock;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where pictures and exports are saved, so the person can open them. */
  filesDir: string;
  interactive: boolean;
  /** How far `clock` already runs ahead of real time: simulated time carried on from an earlier run. */
  aheadMs?: number;
  /** Keeps how far the simulated clock runs ahead of real time, so the next start continues there. */
  keepClock?: (aheadMs: number) => Promise<void>;
}

const NAME = /^[\p{L}\p{N}_.-]{1,32}$/u;

/**
 * A chat with the bot in the terminal. It can speak as several people (`/as NAME`) and
 * move a simulated clock (`/clock +1d`), and it reads piped input one line a message.
 */
export async function runConsole(o: ConsoleOptions): Promise<void> {
  let speaker = 'me';
  const buttons = new ButtonBook();
  const time = { aheadMs: o.aheadMs ?? 0 };
  // Each line's identity: unique to this run, so a later run (even one with the same process id) is never taken for a redelivery.
  const run = randomUUID();
  let counter = 0;
  const say = (s: string) => o.output.write(`${s}\n`);
  const rl = createInterface({ input: o.input, terminal: o.interactive });
  const prompt = () => { if (o.interactive) o.output.write(`${speaker}> `); };

  o.port.onMessage = (to, r) => {
    const who = parsePlatformId(to)?.own ?? to;
    say(`(a message from the bot to ${who})`);
    // Each person keeps the buttons that reached them, numbered in their own list.
    const shown = (r.buttons ?? []).flat();
    render(r, o, say, buttons.add(who, shown));
    if (who !== speaker && shown.length > 0) say(`  (for ${who}: /as ${who}, then type a number to press one)\n`);
  };
  say('Steadfast console. Type /start to begin, /help for commands.');
  say('Console only: /as NAME speaks as someone else, /clock +1d (or +3h, or 2026-03-29T20:00, or now) moves time, /quit leaves.');
  say(`It is ${o.clock.now().toISOString()} (${speaker}).${aheadNote(o.aheadMs ?? 0)}`);
  prompt();

  for await (const raw of rl) {
    const line = raw.trim();
    if (!o.interactive && line !== '') say(`${speaker}> ${line}`);
    if (line === '/quit' || line === '/exit') break;

    if (line.startsWith('/as')) {
      const name = line.slice(3).trim();
      if (NAME.test(name)) {
        speaker = name;
        const n = buttons.count(speaker);
        say(`(now speaking as ${speaker}${n > 0 ? `; buttons waiting for ${speaker}: 1 to ${n}` : ''})`);
      } else {
        say('(/as needs a name of letters, digits, _ . or -, up to 32 characters, for example /as sam)');
      }
      prompt();
      continue;
    }
    if (line.startsWith('/clock')) {
      const r = parseClockCommand(line.slice(6).trim(), o.clock.now());
      if (!r.ok) say(`(${r.message})`);
      else await moveClock(o, time, 'realTime' in r ? null : r.instant, say);
      prompt();
      continue;
    }

    // A number presses one of the buttons shown to the speaker (under the last answer, or since).
    let text = line;
    if (/^\d{1,3}$/.test(line) && buttons.count(speaker) > 0) {
      const pressed = buttons.press(speaker, Number(line));
      if (!pressed) {
        say(`(${speaker} has no button ${line}; the buttons shown for ${speaker} are 1 to ${buttons.count(speaker)})`);
        prompt();
        continue;
      }
      text = pressed.command;
    }
    if (text === '') { prompt(); continue; }
    const account = platformId('console', speaker);
    const replies = await o.core.handle({
      account,
      displayName: speaker,
      chat: { id: account, kind: 'dm' },
      text,
      idempotencyKey: platformId('console', `${run}:${(counter += 1)}`),
    });
    // New buttons replace the speaker's older ones; an answer without any leaves them pressable,
    // as the buttons of earlier messages stay in a chat app.
    if (replies.some((r) => (r.buttons ?? []).length > 0)) buttons.clear(speaker);
    for (const r of replies) render(r, o, say, buttons.add(speaker, (r.buttons ?? []).flat()));
    // Messages this caused for others (a supporter's alert, an SOS) show up right away.
    await o.core.dispatcher.flush();
    prompt();
  }
  rl.close();
}

/** Said at start when the simulated clock carried on from an earlier run. */
function aheadNote(aheadMs: number): string {
  if (Math.abs(aheadMs) < 60_000) return '';
  const hours = Math.round(Math.abs(aheadMs) / 3_600_000);
  const span = hours < 1 ? 'less than an hour' : [hours >= 24 ? `${Math.floor(hours / 24)}d` : '', hours % 24 ? `${hours % 24}h` : ''].filter(Boolean).join(' ');
  return ` Simulated time, kept from the last run: ${span} ${aheadMs > 0 ? 'ahead of' : 'behind'} real time (/clock now goes back to real time).`;
}

/**
 * Moves the simulated clock, one scheduler pass per simulated hour, so the prompts,
 * reminders and alerts of the skipped time arrive in order, as they would have. The clock
 * keeps running with real time from there; `null` goes back to real time itself.
 */
async function moveClock(o: ConsoleOptions, time: { aheadMs: number }, target: Date | null, say: (s: string) => void): Promise<void> {
  const HOUR = 3_600_000;
  const moveBy = (ms: number) => {
    o.clock.advance(ms);
    time.aheadMs += ms;
  };
  if (target) {
    for (let t = o.clock.now().getTime() + HOUR; t < target.getTime(); t += HOUR) {
      moveBy(t - o.clock.now().getTime());
      await o.core.tick();
      await o.core.dispatcher.flush();
    }
    moveBy(target.getTime() - o.clock.now().getTime());
  } else {
    moveBy(-time.aheadMs);
  }
  await o.keepClock?.(time.aheadMs);
  say(`(clock: ${o.clock.now().toISOString()}${target ? '' : ', real time'})`);
  await o.core.tick();
  await o.core.dispatcher.flush();
}

/** Prints a message and its buttons, numbered from `firstNumber`, by label only (a button's command may hold ids). */
function render(r: Reply, o: ConsoleOptions, say: (s: string) => void, firstNumber: number): void {
  say('');
  for (const line of r.text.split('\n')) say(`  ${line}`);
  if (r.attachment) {
    mkdirSync(o.filesDir, { recursive: true });
    const path = resolve(join(o.filesDir, r.attachment.filename));
    writeFileSync(path, r.attachment.data, { mode: 0o600 });
    say(`  [${r.attachment.kind === 'image' ? 'picture' : 'file'} saved: ${path}]`);
  }
  (r.buttons ?? []).flat().forEach((b, i) => say(`  [${firstNumber + i}] ${b.label}`));
  say('');
}
