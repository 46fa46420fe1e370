/**
 * The encouragement library: short messages the project writes itself, tagged by
 * the role of the person reading them and the situation they are in.
 *
 * Tone (from the recovery-coaching principles in PRODUCT.md): warm, concrete,
 * never preachy, never shaming; progress, not perfection; setbacks meet
 * compassion and a next step. No religious assumption (prayer and meditation are
 * offered as options among others), no clinical claims, and the bot never speaks
 * as a therapist.
 *
 * Rules the tests enforce:
 * - Ids are stable slugs stored in the database (to avoid repeats). NEVER reuse,
 *   renumber or recycle an id: to retire a message, delete it; to add one, take a
 *   new number.
 * - No message contains a sexual term or the words porn/pornography/sex.
 * - 'group' messages are posted in shared channels: no personal details and no
 *   addiction, relapse or sexual term at all. They suit every role.
 * - 'missed-days' messages may open a bot-started message, so they are discreet
 *   too (no addiction or relapse term).
 * - Partners never get 'after-relapse' or 'middle-circle' messages: a partner's
 *   messages are about their own healing, boundaries and self-care, never about
 *   watching the other person.
 * - Plain text only (no markdown, no mentions), 1 to 3 sentences.
 */
import type { Role } from '../domain/roles.js';

export const SITUATIONS = [
  'good-day',
  'hard-day',
  'middle-circle',
  'after-relapse',
  'missed-days',
  'milestone',
  'low-mood',
  'group',
] as const;
export type Situation = (typeof SITUATIONS)[number];

export interface Encouragement {
  /** Stable short slug; stored to avoid repeats. Never reuse or renumber. */
  id: string;
  roles: readonly Role[];
  situations: readonly Situation[];
  text: string;
}

const R = ['recovery'] as const satisfies readonly Role[];
const P = ['partner'] as const satisfies readonly Role[];
const S = ['supporter'] as const satisfies readonly Role[];
const EVERYONE = ['recovery', 'partner', 'supporter'] as const satisfies readonly Role[];

function msg(id: string, roles: readonly Role[], situations: readonly Situation[], text: string): Encouragement {
  return Object.freeze({
    id,
    roles: Object.freeze([...roles]),
    situations: Object.freeze([...situations]),
    text,
  });
}

export const ENCOURAGEMENTS: readonly Encouragement[] = Object.freeze([
  // ── In recovery · good day ────────────────────────────────────────────────
  msg('rec-good-01', R, ['good-day'], 'Another honest day, lived inside your boundaries. That is what recovery looks like: ordinary days, one after another.'),
  msg('rec-good-02', R, ['good-day'], 'You kept your word to yourself today. Notice how that feels, and let it be part of tomorrow’s strength.'),
  msg('rec-good-03', R, ['good-day'], 'A good day is worth enjoying. What helped most today? Whatever it was, it is worth doing again tomorrow.'),
  msg('rec-good-04', R, ['good-day'], 'Well done for checking in. Small, steady steps like this one are how lasting change is built.'),
  msg('rec-good-05', R, ['good-day'], 'Today counted. Rest well tonight; you have earned it.'),
  msg('rec-good-06', R, ['good-day'], 'One day at a time really does add up. Thank you for showing up for yourself today.'),
  msg('rec-good-07', R, ['good-day'], 'A calm day is not luck; it is the work you are putting in. Keep leaning on what is working.'),
  msg('rec-good-08', R, ['good-day'], 'Good days are a great time to call someone in your support network, not because you need help but because connection keeps you steady.'),
  msg('rec-good-09', R, ['good-day'], 'You chose your outer-circle life today. Be proud of that, quietly and honestly.'),
  msg('rec-good-10', R, ['good-day'], 'Gratitude can anchor a good day. Name one thing you are thankful for tonight, however small.'),

  // ── In recovery · hard day ────────────────────────────────────────────────
  msg('rec-hard-01', R, ['hard-day'], 'Hard days are part of recovery, not proof that it isn’t working. You checked in anyway, and that matters.'),
  msg('rec-hard-02', R, ['hard-day'], 'If today feels heavy, make the next hour simple: drink some water, step outside, and text someone who gets it.'),
  msg('rec-hard-03', R, ['hard-day'], 'You do not have to white-knuckle this alone. A quick call to your sponsor or a friend in the program can shrink a hard day.'),
  msg('rec-hard-04', R, ['hard-day'], 'Try a HALT check: are you hungry, angry, lonely or tired? Caring for the loudest one is a real recovery action.'),
  msg('rec-hard-05', R, ['hard-day'], 'Urges rise, peak and pass, even when it doesn’t feel that way. You can ride this one out.'),
  msg('rec-hard-06', R, ['hard-day'], 'A hard day held with honesty is still a day of recovery. Be as kind to yourself tonight as you would be to a friend.'),
  msg('rec-hard-07', R, ['hard-day'], 'If a meeting is possible today, in person or online, it might be the best hour you spend. You deserve that support.'),
  msg('rec-hard-08', R, ['hard-day'], 'The pressure is high today, so lower the bar: get through this evening safely, and let tomorrow be tomorrow.'),
  msg('rec-hard-09', R, ['hard-day'], 'Write down what made today hard. Naming it takes away some of its power, and gives you something to share with your support.'),
  msg('rec-hard-10', R, ['hard-day'], 'You have come through hard days before. This one does not get to decide who you are.'),

  // ── In recovery · middle circle ───────────────────────────────────────────
  msg('rec-middle-01', R, ['middle-circle'], 'Thank you for being honest about a middle-circle moment. Noticing it early is exactly what the circles are for.'),
  msg('rec-middle-02', R, ['middle-circle'], 'A middle-circle day is a warning light, not a reset. What was going on just before it? That is useful information, not a verdict.'),
  msg('rec-middle-03', R, ['middle-circle'], 'You caught this before it became a relapse. Consider telling your sponsor or accountability partner today; secrets lose their power when shared.'),
  msg('rec-middle-04', R, ['middle-circle'], 'Slippery moments are a signal to add support, not to add shame. Which outer-circle action could you lean on tonight?'),
  msg('rec-middle-05', R, ['middle-circle'], 'Look at what led you toward the edge today: a time, a place, a feeling. A small change there can protect your boundaries tomorrow.'),
  msg('rec-middle-06', R, ['middle-circle'], 'Your days still stand. Use this moment to strengthen one boundary, and reach out to someone before bedtime.'),
  msg('rec-middle-07', R, ['middle-circle'], 'Being honest about the grey areas takes courage. Keep that honesty going; it is one of the strongest tools you have.'),

  // ── In recovery · after a relapse ─────────────────────────────────────────
  msg('rec-relapse-01', R, ['after-relapse'], 'Thank you for telling the truth. A relapse is painful, but honesty is the first step back, and you have already taken it.'),
  msg('rec-relapse-02', R, ['after-relapse'], 'Progress, not perfection. The days you lived in recovery still count, and your longest stretch is still yours.'),
  msg('rec-relapse-03', R, ['after-relapse'], 'Shame says hide; recovery says reach out. When you are ready, tell your sponsor or someone you trust what happened.'),
  msg('rec-relapse-04', R, ['after-relapse'], 'This is a setback, not the end of your story. What is one small, concrete step you can take in the next 24 hours?'),
  msg('rec-relapse-05', R, ['after-relapse'], 'Be gentle with yourself tonight. Rest, eat something, and let tomorrow be a fresh start with everything you have learned.'),
  msg('rec-relapse-06', R, ['after-relapse'], 'You are not starting from nothing. Every tool, meeting and phone call from your earlier days is still with you.'),
  msg('rec-relapse-07', R, ['after-relapse'], 'When you feel able, look at what came before the relapse, with curiosity instead of judgment. Understanding it is how you protect the next stretch.'),
  msg('rec-relapse-08', R, ['after-relapse'], 'A relapse doesn’t erase the person you have been becoming. Your total days in recovery are still on the record.'),
  msg('rec-relapse-09', R, ['after-relapse'], 'Many people in long-term recovery have had a day like this one. What matters now is the next right step, taken today.'),
  msg('rec-relapse-10', R, ['after-relapse'], 'Consider a meeting or a call in the next day; connection is the antidote to isolation. You deserve support, not punishment.'),

  // ── In recovery · missed days (discreet) ──────────────────────────────────
  msg('rec-missed-01', R, ['missed-days'], 'Welcome back. Missing a few days doesn’t erase the work you have done; let’s pick up right here.'),
  msg('rec-missed-02', R, ['missed-days'], 'Good to see you again. There is no catching up to do; today’s check-in is the one that counts.'),
  msg('rec-missed-03', R, ['missed-days'], 'Life gets busy and days go by. Coming back is the habit that matters most, and you just did it.'),
  msg('rec-missed-04', R, ['missed-days'], 'Thank you for returning. A missed check-in is only a missed check-in, nothing more.'),
  msg('rec-missed-05', R, ['missed-days'], 'Picking up again after a gap takes a bit of courage. Be glad you are here, and start with just today.'),
  msg('rec-missed-06', R, ['missed-days'], 'No judgment here about the gap. If something hard happened while you were away, it might help to tell someone you trust.'),

  // ── In recovery · milestone ───────────────────────────────────────────────
  msg('rec-milestone-01', R, ['milestone'], 'Look how far you have come. Every one of these days was chosen, and today you get to celebrate them.'),
  msg('rec-milestone-02', R, ['milestone'], 'A milestone worth marking! Take a moment to thank yourself, and the people who walked beside you.'),
  msg('rec-milestone-03', R, ['milestone'], 'This milestone is made of ordinary days and honest choices. Celebrate it in a way that nourishes you.'),
  msg('rec-milestone-04', R, ['milestone'], 'You did this one day at a time. Let yourself feel proud; it is well deserved.'),
  msg('rec-milestone-05', R, ['milestone'], 'Milestones are a good moment to look back at what helped most. Keep those tools close for the road ahead.'),
  msg('rec-milestone-06', R, ['milestone'], 'Celebrate today. Progress like this is real, and nobody can take the days you have lived away from you.'),
  msg('rec-milestone-07', R, ['milestone'], 'Congratulations. Consider sharing this with your sponsor or your group; your progress can give someone else hope.'),
  msg('rec-milestone-08', R, ['milestone'], 'Marking this milestone is also a quiet reminder: keep showing up for the next day, the same way you did for these.'),

  // ── In recovery · low mood ────────────────────────────────────────────────
  msg('rec-low-01', R, ['low-mood'], 'I’m sorry today feels so low. You do not have to fix everything tonight; just take care of the next hour.'),
  msg('rec-low-02', R, ['low-mood'], 'Low moods can make urges louder. Let someone know how you are feeling, even with a single text.'),
  msg('rec-low-03', R, ['low-mood'], 'Be kind to your body today: some water, some food, some rest. Small care counts.'),
  msg('rec-low-04', R, ['low-mood'], 'Feelings are real, but they are not forever. This one will shift, and you don’t have to face it alone.'),
  msg('rec-low-05', R, ['low-mood'], 'If you can, step outside for a few minutes, or call someone who makes you feel understood.'),
  msg('rec-low-06', R, ['low-mood'], 'A low day is a good day for a meeting, a walk, journaling, prayer or meditation, whatever steadies you best.'),
  msg('rec-low-07', R, ['low-mood'], 'If the heaviness doesn’t lift, talking to a counselor or a doctor can help. Reaching out for that is a strong thing to do.'),

  // ── Partner · good day ────────────────────────────────────────────────────
  msg('ptn-good-01', P, ['good-day'], 'A steadier day is worth noticing. Let yourself enjoy it without waiting for the next hard one.'),
  msg('ptn-good-02', P, ['good-day'], 'You are putting your own healing first, and it shows. Thank you for checking in with yourself today.'),
  msg('ptn-good-03', P, ['good-day'], 'Good days are a chance to refill your cup. What brought you a little peace today?'),
  msg('ptn-good-04', P, ['good-day'], 'Your healing belongs to you. Today you gave it some time and care, and that matters.'),
  msg('ptn-good-05', P, ['good-day'], 'Notice what helped today, whether rest, a friend, a walk or a boundary you held. Those are yours to keep.'),
  msg('ptn-good-06', P, ['good-day'], 'Trusting yourself again grows in moments like today. Well done for showing up for you.'),

  // ── Partner · hard day ────────────────────────────────────────────────────
  msg('ptn-hard-01', P, ['hard-day'], 'What you are feeling makes sense. Pain after betrayal is real, and you are allowed to take all the time you need.'),
  msg('ptn-hard-02', P, ['hard-day'], 'On a hard day, your only job is to take care of yourself. Rest, breathe, and lean on someone safe.'),
  msg('ptn-hard-03', P, ['hard-day'], 'You did nothing to cause this pain. Be as gentle with yourself today as you would be with a dear friend.'),
  msg('ptn-hard-04', P, ['hard-day'], 'Boundaries are a form of self-care, not punishment. It is okay to protect your peace today.'),
  msg('ptn-hard-05', P, ['hard-day'], 'Triggers can arrive out of nowhere. Ground yourself: feet on the floor, a slow breath, and five things you can see.'),
  msg('ptn-hard-06', P, ['hard-day'], 'A support group or a therapist who understands betrayal trauma can hold some of this with you. You don’t have to carry it alone.'),

  // ── Partner · missed days (discreet) ──────────────────────────────────────
  msg('ptn-missed-01', P, ['missed-days'], 'Welcome back. There is no right pace for healing; checking in today is enough.'),
  msg('ptn-missed-02', P, ['missed-days'], 'Good to see you. Taking a break can be self-care too, and you are welcome here whenever you are ready.'),
  msg('ptn-missed-03', P, ['missed-days'], 'No catching up needed. How are you doing today, just today?'),
  msg('ptn-missed-04', P, ['missed-days'], 'Thank you for coming back to your own check-in. Your healing is worth this small moment each day.'),

  // ── Partner · milestone ───────────────────────────────────────────────────
  msg('ptn-milestone-01', P, ['milestone'], 'Look at the consistency you have built for your own healing. That is something to be proud of.'),
  msg('ptn-milestone-02', P, ['milestone'], 'This milestone is yours: days of caring for yourself, one check-in at a time. Celebrate it in a way that feels good to you.'),
  msg('ptn-milestone-03', P, ['milestone'], 'Every check-in was an act of self-respect. Take a moment today to honor how far you have come.'),
  msg('ptn-milestone-04', P, ['milestone'], 'Healing is not a straight line, and you kept showing up anyway. Congratulations.'),
  msg('ptn-milestone-05', P, ['milestone'], 'Mark this milestone with something kind for yourself: a favorite meal, a walk, time with a friend.'),

  // ── Partner · low mood ────────────────────────────────────────────────────
  msg('ptn-low-01', P, ['low-mood'], 'I’m sorry today is so heavy. Your feelings are valid, and you deserve care right now.'),
  msg('ptn-low-02', P, ['low-mood'], 'Reach out to one safe person today, even just to say it is a hard day. You don’t have to explain everything.'),
  msg('ptn-low-03', P, ['low-mood'], 'Rest is allowed. So are tears, anger and numbness; none of them mean you are healing the wrong way.'),
  msg('ptn-low-04', P, ['low-mood'], 'If the heaviness stays, a therapist who understands betrayal trauma can help you carry it. Asking for that is a sign of strength.'),
  msg('ptn-low-05', P, ['low-mood'], 'Take care of the basics today: water, food, a little sleep if you can. Small acts of care add up.'),

  // ── Supporter · good day ──────────────────────────────────────────────────
  msg('sup-good-01', S, ['good-day'], 'Thank you for being someone others can lean on. Your steady presence matters more than you may know.'),
  msg('sup-good-02', S, ['good-day'], 'A good day is a good day to look after yourself, too. Supporters need rest and joy as well.'),
  msg('sup-good-03', S, ['good-day'], 'Showing up consistently is the quiet gift of a good supporter. You did that today.'),
  msg('sup-good-04', S, ['good-day'], 'Notice what is going well in your own life today. Your wellbeing is part of what makes your support possible.'),
  msg('sup-good-05', S, ['good-day'], 'Thank you for checking in. Listening without judgment is one of the most powerful things you can offer.'),

  // ── Supporter · hard day ──────────────────────────────────────────────────
  msg('sup-hard-01', S, ['hard-day'], 'Supporting others can be heavy. You don’t have to carry it alone; talk it through with your own sponsor, coach or group.'),
  msg('sup-hard-02', S, ['hard-day'], 'You cannot fix anyone, and you don’t have to. Being honest, kind and present is enough.'),
  msg('sup-hard-03', S, ['hard-day'], 'On a hard day it is okay to limit how available you are. Healthy boundaries keep your support sustainable.'),
  msg('sup-hard-04', S, ['hard-day'], 'Take a breath. Someone else’s struggle is not a measure of your support, and their choices are not yours to carry.'),
  msg('sup-hard-05', S, ['hard-day'], 'Be gentle with yourself today. Your care still counts, even when it doesn’t feel like enough.'),

  // ── Supporter · missed days (discreet) ────────────────────────────────────
  msg('sup-missed-01', S, ['missed-days'], 'Welcome back. Taking time away is part of supporting others well.'),
  msg('sup-missed-02', S, ['missed-days'], 'Good to see you again. Your own check-ins matter too, not just the people you support.'),
  msg('sup-missed-03', S, ['missed-days'], 'No catching up needed. Start with today, and with how you are doing.'),
  msg('sup-missed-04', S, ['missed-days'], 'Thanks for coming back. Sustainable support means looking after yourself along the way.'),

  // ── Supporter · milestone ─────────────────────────────────────────────────
  msg('sup-milestone-01', S, ['milestone'], 'A milestone worth celebrating. Your consistency is a quiet example for everyone you walk beside.'),
  msg('sup-milestone-02', S, ['milestone'], 'Congratulations on showing up day after day. Support like yours is built exactly this way.'),
  msg('sup-milestone-03', S, ['milestone'], 'Take a moment to enjoy this. The steady work of supporting others deserves to be recognized too.'),
  msg('sup-milestone-04', S, ['milestone'], 'Milestones are a good time to thank the people who support you, too. Nobody does this alone.'),

  // ── Supporter · low mood ──────────────────────────────────────────────────
  msg('sup-low-01', S, ['low-mood'], 'I’m sorry today feels low. Supporters need support too; let someone you trust know how you are doing.'),
  msg('sup-low-02', S, ['low-mood'], 'It is okay to step back for a while and care for yourself. You can’t pour from an empty cup.'),
  msg('sup-low-03', S, ['low-mood'], 'Take care of the basics today: rest, food, fresh air. Your own wellbeing comes first.'),
  msg('sup-low-04', S, ['low-mood'], 'If the heaviness lingers, talking with a counselor or your own coach can help. You deserve the same care you give.'),

  // ── Group channel · everyone (no personal details, no addiction terms) ────
  msg('grp-01', EVERYONE, ['group'], 'Every check-in here is a small act of courage. Keep showing up for yourselves and for each other.'),
  msg('grp-02', EVERYONE, ['group'], 'Progress, not perfection. Whatever today looked like, you belong here.'),
  msg('grp-03', EVERYONE, ['group'], 'One day at a time, together. Thank you all for being part of this.'),
  msg('grp-04', EVERYONE, ['group'], 'Celebrate the small wins today; they are how big changes are built.'),
  msg('grp-05', EVERYONE, ['group'], 'Be kind to yourselves tonight. Healing takes patience, and nobody here walks alone.'),
  msg('grp-06', EVERYONE, ['group'], 'Thank you to everyone who checked in today. Consistency is built one honest day at a time.'),
  msg('grp-07', EVERYONE, ['group'], 'Reach out to someone today, even with a short hello. Connection keeps us steady.'),
  msg('grp-08', EVERYONE, ['group'], 'Hard days and good days both belong here. Rest well, and see you tomorrow.'),
  msg('grp-09', EVERYONE, ['group'], 'Hope grows when we share the road. Thank you for walking it together.'),
  msg('grp-10', EVERYONE, ['group'], 'A gentle reminder: taking care of yourself is part of the work. Drink some water and get some rest.'),
]);
