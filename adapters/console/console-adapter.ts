import { createInterface } from 'node:readline';
import { parseClockCommand } from './clock-command.js';
import type { ConsolePort } from './console-port.js';
import type { ConsoleFiles } from './files.js';
import { parsePlatformId, platformId, type Button, type Core, type Reply, type SettableClock } from '../../src/index.js';

export interface ConsoleOptions {
  core: Core;
  /** Messages the bot starts (prompts, reminders, alerts) arrive through this port. */
  port: ConsolePort;
  clock: SettableClock;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where pictures and exports are saved, so the person can open them (and removed once seen). */
  files: ConsoleFiles;
  interactive: boolean;
}

const NAME = /^[\p{L}\p{N}_.-]{1,32}$/u;

/**
 * A chat with the bot in the terminal. It can speak as several people (`/as NAME`) and
 * move a simulated clock (`/clock +1d`), and it reads piped input one line a message.
 */
export async function runConsole(o: ConsoleOptions): Promise<void> {
  let speaker = 'me';
  let buttons: Button[] = [];
  let counter = 0;
  const say = (s: string) => o.output.write(`${s}\n`);
  const rl = createInterface({ input: o.input, terminal: o.interactive });
  const prompt = () => { if (o.interactive) o.output.write(`${speaker}> `); };

  o.port.onMessage = (to, r) => {
    say(`(a message from the bot to ${parsePlatformId(to)?.own ?? to})`);
    // Buttons on a message to the current speaker can be pressed by number, like a reply's.
    const mine = to === platformId('console', speaker);
    const shown = render(r, o, say, mine ? buttons.length : 0, to, mine);
    if (mine) buttons.push(...shown);
  };
  say('Steadfast console. Type /start to begin, /help for commands.');
  say('Console only: /as NAME speaks as someone else, /clock +1d (or +3h, or 2026-03-29T20:00) moves time, /quit leaves.');
  say(`It is ${o.clock.now().toISOString()} (${speaker}).`);
  prompt();

  for await (const raw of rl) {
    const line = raw.trim();
    if (!o.interactive && line !== '') say(`${speaker}> ${line}`);
    if (line === '/quit' || line === '/exit') break;

    if (line.startsWith('/as')) {
      const name = line.slice(3).trim();
      if (NAME.test(name)) {
        speaker = name;
        buttons = [];
        say(`(now speaking as ${speaker})`);
      } else {
        say('(/as needs a name of letters, digits, _ . or -, up to 32 characters, for example /as sam)');
      }
      prompt();
      continue;
    }
    if (line.startsWith('/clock')) {
      buttons = [];
      const r = parseClockCommand(line.slice(6).trim(), o.clock.now());
      if (r.ok) await moveClock(o, r.instant, say);
      else say(`(${r.message})`);
      prompt();
      continue;
    }

    // A number picks one of the buttons shown under the last reply.
    const pressed = /^\d{1,2}$/.test(line) ? buttons[Number(line) - 1] : undefined;
    const text = pressed ? pressed.command : line;
    if (text === '') { prompt(); continue; }
    const account = platformId('console', speaker);
    o.files.forget(account);
    const replies = await o.core.handle({
      account,
      displayName: speaker,
      chat: { id: account, kind: 'dm' },
      text,
      idempotencyKey: platformId('console', `${process.pid}:${(counter += 1)}`),
    });
    buttons = [];
    for (const r of replies) buttons.push(...render(r, o, say, buttons.length, account));
    // Messages this caused for others (a supporter's alert, an SOS) show up right away.
    await o.core.dispatcher.flush();
    prompt();
  }
  rl.close();
  o.files.forgetAll();
}

/**
 * Moves the simulated clock, one scheduler pass per simulated hour, so the prompts,
 * reminders and alerts of the skipped time arrive in order, as they would have.
 */
async function moveClock(o: ConsoleOptions, target: Date, say: (s: string) => void): Promise<void> {
  const HOUR = 3_600_000;
  for (let t = o.clock.now().getTime() + HOUR; t < target.getTime(); t += HOUR) {
    o.clock.set(new Date(t));
    await o.core.tick();
    await o.core.dispatcher.flush();
  }
  o.clock.set(target);
  say(`(clock: ${target.toISOString()})`);
  await o.core.tick();
  await o.core.dispatcher.flush();
}

function render(r: Reply, o: ConsoleOptions, say: (s: string) => void, numberFrom: number, owner: string, pressable = true): Button[] {
  say('');
  for (const line of r.text.split('\n')) say(`  ${line}`);
  if (r.attachment) {
    const path = o.files.save(owner, r.attachment);
    say(`  [${r.attachment.kind === 'image' ? 'picture' : 'file'} saved: ${path}]`);
  }
  const flat = (r.buttons ?? []).flat();
  flat.forEach((b, i) => say(pressable ? `  [${numberFrom + i + 1}] ${b.label}  (${b.command})` : `  [${b.label}]`));
  say('');
  return flat;
}
