// Crisis phrases in English. Written in normalised form (see normalise.ts); read phrase-pattern.ts first.
import { clear, unsure, type CrisisPattern } from './phrase-pattern.js';

/** Someone close, as the subject of what they did: "he", "my husband", "my ex". */
const SOMEONE = "(?:he|she|my (?:husband|wife|partner|boyfriend|girlfriend|fiance|fiancee|spouse|ex))(?:'s| has| had| is| was| keeps| kept)?(?: been)?";
const NOT_A_PLACE = '(?! (?:in|with|at|near|there|here|like|on|under|together|abroad|alone|next|by)(?![\\p{L}\\p{N}]))';
const NOT_AN_OUTING =
  '(?! (?:the|a|an|my|our|his|her|their|your|that|to|with|at|in|vacation|holiday|holidays|trip|tour|stage|air|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)(?![\\p{L}\\p{N}]))';

export const ENGLISH: readonly CrisisPattern[] = Object.freeze([
  // Thoughts of suicide or self-harm.
  clear('self-harm', 'suicide, suicidal (also suicidio, suicidaire, suicídio)', 'suicid\\p{L}*'),
  clear('self-harm', 'kill myself', 'kill(?:ing|ed)? my ?self'),
  clear('self-harm', 'end it all', '(?:end|ending) it all'),
  clear('self-harm', 'end my life, take my own life', '(?:end|ending|take|taking) my (?:own )?life'),
  clear('self-harm', 'end myself, unalive myself', '(?:(?:end|ending) my ?self|unalive(?:d|ing)?(?: my ?self)?)'),
  clear('self-harm', 'want to die, wanna die', "(?:want|wanna|wanted|wanting|wish|i'd like) (?:to )?(?:just )?die"),
  clear('self-harm', 'want to be dead', '(?:want|wanna|wanted) to be dead'),
  clear('self-harm', 'wish I was dead, better off dead', '(?:wish i (?:was|were|could be) dead|wish i could die|better off (?:dead|without me))'),
  clear('self-harm', 'self-harm, self injury', 'self[\\s-]*(?:harm(?:s|ed|ing)?|injur(?:y|ies|e|ing))'),
  clear('self-harm', 'hurt myself, harm myself', '(?:hurt|hurting|harm|harming) my ?self'),
  clear('self-harm', 'cut myself (not "cut myself a slice")', '(?:cut|cutting) my ?self(?! (?:a|an|some|off|short|free|loose|out)(?![\\p{L}\\p{N}]))'),
  clear('self-harm', 'hang myself, shoot myself', '(?:hang|hanging|shoot|shooting|drown|drowning) my ?self'),
  clear('self-harm', 'slit my wrists', 'slit(?:ting)? my wrists?'),
  clear('self-harm', 'jump off a bridge', '(?:want|wanna|going|gonna|planning|plan) to jump (?:off|from) (?:a|the) (?:bridge|building|roof|cliff)'),
  clear('self-harm', 'no reason to live, nothing to live for', '(?:no (?:reason|point) (?:to live|in living|living)|nothing (?:left )?to live for|not worth living)'),
  clear('self-harm', "don't want to live / be alive / wake up", `(?:don'?t|do not|no longer|not) want to (?:live${NOT_A_PLACE}|be alive|be here any ?more|wake up|exist)`),
  clear('self-harm', 'can\'t go on (not "can\'t go on the trip")', `can(?:'?t|not| not) go on${NOT_AN_OUTING}`),
  clear('self-harm', 'overdose, take all my pills', '(?:overdos(?:e|ed|es|ing)|(?:take|taking|swallow|swallowing) all (?:of )?(?:my|the) (?:pills|meds|tablets))'),
  unsure('self-harm', "can't take it anymore", "can(?:'?t|not| not) (?:take|do|handle) (?:it|this|any of this) any ?more"),
  unsure('self-harm', 'I give up on everything', "i(?: have|'ve)? (?:give|gave|given) up on (?:everything|life|myself|living)"),
  unsure('self-harm', "what's the point of living", "what'?s the point (?:of|in) (?:living|anything|it all|going on|trying|life)"),
  unsure('self-harm', 'everything feels pointless, I feel hopeless', '(?:(?:everything|it all|life) (?:feels|is|seems) (?:so )?(?:pointless|hopeless)|(?:feel|feeling|felt) (?:so |completely |totally )?hopeless)'),
  unsure('self-harm', 'I want to disappear', '(?:want to|wanna|wish i could) disappear'),
  unsure('self-harm', 'no way out, tired of living', '(?:no way out|tired of (?:living|being alive|life)|done with (?:life|living))'),

  // A strong urge, right now.
  clear('urge', 'about to act out, going to relapse', '(?:about|going|gonna) to (?:act out|relapse|slip|give in)'),
  clear('urge', "can't resist the urge", "can(?:'?t|not| not) (?:resist|fight|stop|handle) (?:the|this|these|my) (?:urges?|cravings?)"),
  clear('urge', 'the urges are so strong', "(?:urges?|cravings?) (?:is|are|'s) (?:too|so|really|very) (?:strong|bad|intense|much)"),
  // Also how a goal or a circle may be worded ("call my sponsor when I want to act out"): ask, don't alarm.
  unsure('urge', 'I want to act out', '(?:want|need|wanna) to act out'),
  clear('urge', 'a strong urge right now', '(?:strong|huge|overwhelming|intense|powerful) (?:urges?|cravings?) (?:right )?now'),

  // Not safe from another person.
  clear('safety', 'he hit me, my husband choked me (not "hit me up")',
    `${SOMEONE} (?:hit|hits|hitting|choked|chokes|choking|strangled|strangles|strangling|kicked|kicks|kicking|slapped|slaps|slapping|punched|punches|punching) me(?! up(?![\\p{L}\\p{N}]))`),
  clear('safety', 'threatened to kill me, he threatened me', `(?:threatened|threatens|threatening|threaten) to (?:kill|hurt|harm|beat) me|${SOMEONE} (?:threatened|threatens|threatening) me`),
  clear('safety', "afraid he'll hurt me", "(?:afraid|scared|terrified|frightened) (?:that )?(?:he|she|they)(?:'ll| will| might| is going to|'s going to| are going to| would) (?:hurt|kill|hit|harm|beat) me"),
  clear('safety', 'not safe at home, afraid to go home', "(?:(?:not|don'?t feel|do not feel|never feel) safe at home|(?:afraid|scared) to go home|(?:fear|scared|afraid) for my (?:life|safety))"),
  unsure('safety', 'he beat me, she pushed me (not "beat me at chess")',
    `${SOMEONE} (?:beat|beats|beating|pushed|pushes|shoved|shoves) me(?! (?:at|in|to|by|up|away|aside)(?![\\p{L}\\p{N}]))`),
  unsure('safety', 'afraid of him', '(?:afraid|scared|terrified) of (?:him|her|my (?:husband|wife|partner|boyfriend|girlfriend|spouse|ex))'),
]);
