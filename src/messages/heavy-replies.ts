/**
 * The words of a crisis reply around its help: the acknowledgement of what the person said
 * (in plain words, never quoting them), the question "Are you safe right now?", who can be
 * told, and what the person hears after each answer. Warm and plain; no encouragement
 * line, no menu, no shame, and never "use /sos".
 */
import type { HeavyKind, HeavyTrigger } from '../domain/heavy-moment.js';
import { shortDate } from './format.js';
import type { LocalDate } from '../domain/local-date.js';

function pick<T>(options: readonly T[], variant: number): T {
  return options[variant % options.length]!;
}

const WORDS: Record<HeavyKind, readonly string[]> = {
  'self-harm': [
    "What you wrote sounds like you're thinking about ending your life, or about hurting yourself. I'm glad you wrote it here, and I take it seriously.",
    'You wrote about not wanting to live, or about hurting yourself. Thank you for putting it into words; that is not a small thing.',
    "It sounds like things are dark enough that you've thought about dying or hurting yourself. You don't have to carry this alone.",
  ],
  urge: [
    "It sounds like the urge is very strong right now. Saying so is already a step away from it.",
    "You wrote that you're close to acting out. Reaching out in this moment takes courage.",
    "The pull sounds very strong right now. It will pass, even if it doesn't feel that way.",
  ],
  safety: [
    'What you wrote sounds like someone is hurting or threatening you. That is not okay, and it is not your fault.',
    'It sounds like someone has hurt you or made you afraid. You deserve to be safe.',
    'You wrote about being hurt or threatened by someone. Thank you for telling me. None of this is your fault.',
  ],
};

const SAID: Record<Exclude<HeavyTrigger, 'words'>, readonly string[]> = {
  mood: [
    'You said today is as low as it gets: 1 of 5. Thank you for being honest about it.',
    "A 1 out of 5 today. That's a very hard place to be, and you said it plainly.",
    "You rated today 1 of 5, the lowest there is. I'm sorry it's this heavy.",
  ],
  'not-safe': [
    "You said you don't feel safe today. Thank you for telling me; your safety comes first.",
    "You said you're not feeling safe today. That matters more than anything else in this check-in.",
    "You don't feel safe today. I'm glad you said so.",
  ],
  sos: [
    'You reached out, and that was the right thing to do.',
    'You asked for help. That takes strength.',
    "Reaching out like this matters. I'm here.",
  ],
  'not-okay': [
    "You said you're not okay. Thank you for telling me the truth.",
    "Thank you for saying you're not okay. You don't have to pretend here.",
    "You're not okay right now, and that's allowed. Thank you for saying it.",
  ],
};

/** The opening: what the person said, acknowledged in plain words. */
export function acknowledgement(kind: HeavyKind, trigger: HeavyTrigger, variant: number): string {
  return trigger === 'words' ? pick(WORDS[kind], variant) : pick(SAID[trigger], variant);
}

export const SAFE_QUESTION = 'Are you safe right now?';

/** "Sam", "Sam and Jo", "Sam, Jo and Kim". */
export function names(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** The label of the one-tap button: short enough for every platform (the text above names everyone). */
export function tellButtonLabel(who: readonly string[]): string {
  const named = `Tell ${names(who)}`;
  if (who.length <= 2 && named.length <= 40) return named;
  return who.length === 1 ? 'Tell my supporter' : `Tell my ${who.length} supporters`;
}

/** Who can be told, named; or, honestly, why nobody can be and how that changes. */
export function whoCanBeTold(who: readonly string[], linked: boolean): string {
  if (who.length > 0) return `One tap below lets ${names(who)} know you'd like support now. If you're not safe, I'll tell ${who.length === 1 ? 'them' : 'them all'} at once.`;
  if (linked) return "The people linked with you here don't receive SOS calls, so there is nobody I can tell for you yet. /links shows what each of them receives, and /share changes it.";
  return 'Nobody is linked here as your supporter yet, so there is nobody I can tell for you. When you feel ready, /invite sponsor gives you a code for someone you trust.';
}

/** After /sos: who was told (or, honestly, that nobody could be). */
export function toldAfterSos(who: readonly string[], linked: boolean): string {
  if (who.length > 0) return `I've let ${names(who)} know you need support right now. They'll see it straight away, even at night.`;
  return `${whoCanBeTold([], linked)} The people on the lines below are there for you right now.`;
}

/** The check-in behind a crisis reply is kept, and can be finished later. */
export function checkinSaved(date: LocalDate, relapseHeld: boolean): string {
  const held = relapseHeld ? ' As usual, the supporters who receive your daily status will hear about today in 24 hours.' : '';
  return `Your check-in for ${shortDate(date)} is saved. You can add to it later today with /checkin, whenever you like.${held}`;
}

export const FANOS_SAVED = 'Your FANOS answers so far are saved, and nothing has been shared. /fanos picks up where you left off, whenever you like.';

/** "I'm safe right now": short and warm, then an offer to check on them later that day. */
export function gladYoureSafe(variant: number, checkOnAt: string | null): string {
  const glad = pick(["I'm glad you're safe right now. Thank you for telling me.", "Thank you for letting me know. I'm glad you're safe.", "I'm glad you're safe right now."], variant);
  return checkOnAt ? `${glad}\nWould you like me to check on you later today, around ${checkOnAt}?` : `${glad}\nI'm here whenever you want to write, any time today.`;
}

export const checkOnConfirmed = (at: string) => `I'll check on you around ${at}. Look after yourself until then.`;
export const CHECK_ON_DECLINED = "Okay. I'm here whenever you want to write.";
export const CHECK_ON_NOT_TODAY = "It's late in your day for that, so I won't write again tonight. I'm here whenever you want to write.";

/** The message that comes later, when asked for (discreet on a lock screen). */
export const CHECK_ON_MESSAGE = 'Checking in, as I said I would.\nHow are you doing now?';

/** "I'm not safe": who was told, and what to do now. */
export function afterNotSafe(who: readonly string[], emergency: string): string {
  const told = who.length > 0
    ? `I've told ${names(who)} that you're not safe right now. They'll see it straight away, even at night.`
    : "There is nobody linked here whom I can tell, and I'm sorry for that.";
  return `${told}\nIf you are in danger, call ${emergency} now. If you can, go where other people are, or somewhere you feel safer.`;
}

/** The one tap to tell supporters, done. */
export function afterTelling(who: readonly string[], linked: boolean): string {
  if (who.length === 0) return whoCanBeTold([], linked);
  return `Done: I've let ${names(who)} know you'd like support now. They'll see it straight away, even at night.`;
}

/** A gentle question, when words only might mean a heavy moment. */
export const GENTLE_CHECK = 'What you wrote sounds heavy. How are you doing, right now?';
export const JUST_A_HARD_DAY = 'Thank you for telling me. Hard days are real, and this one will end. I’m here tomorrow too.';

/** What a supporter receives: never the words, only that support is needed (discreet first line). */
export function supportAlert(name: string, notSafe: boolean): string {
  return notSafe
    ? `${name} says they are not safe right now.\nPlease reach out now. If you can't reach them and you fear for their safety, call the emergency number where they are.`
    : `${name} is reaching out for support right now.\nA call or a message from you could help. Let them know you are there:`;
}

/** Under a shared check-in of a very low day, for a supporter allowed to see the mood. */
export const LOW_MOOD_NEWS = 'Today looks very heavy for them. A call or a short message from you could mean a lot.';
export const REACH_OUT_LABEL = "I'm reaching out";
