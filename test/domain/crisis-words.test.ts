// The detection corpus: phrases people write that must bring a crisis reply (by kind), those
// that should only bring a gentle question, and everyday phrases that must bring nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeavyKind } from '../../src/domain/heavy-moment.js';
import { crisisDetector } from '../../src/domain/words/crisis-detector.js';
import { BUILT_IN_CRISIS_PHRASES, parseCrisisPhrases } from '../../src/domain/words/crisis-list.js';
import { normaliseText } from '../../src/domain/words/normalise.js';
import { looksLikeDisclosure } from '../../src/domain/words/disclosure.js';

const detect = crisisDetector(BUILT_IN_CRISIS_PHRASES);

/** Clear: a crisis reply of this kind. */
const CLEAR: Record<string, [HeavyKind, string[]]> = {
  english: ['self-harm', [
    'Everything feels pointless since Friday. Sometimes I want to die.',
    'suicide', 'I keep thinking about suicide', 'Feeling SUICIDAL again tonight', 'I want to kill myself', 'i just want to kill my self',
    'i just want to end it all', 'Thinking of ending it all.', 'I want to die', 'i wanna die', 'honestly I want to just die',
    'been self-harming again', 'self harm', 'Selfharm urges today', 'I might hurt myself', "There's no reason to live",
    'nothing left to live for', 'I can’t go on', "I can't go on like this", 'i cant go on anymore', 'I cannot go on.',
    'I don’t want to be alive', "I don't want to wake up tomorrow", 'everyone would be better off without me', 'I wish I was dead',
    'I want to end my life', 'thinking about taking my own life', 'I cut myself last night', 'Ｉ ｗａｎｔ ｔｏ ｄｉｅ', 'suïcide',
    'kill\u00A0myself', 'kill\nmyself', 'self\u2011harm', 'sui\u200Bcide', 'I might overdose', 'KILL MYSELF', 'I want to die!!!',
    "I can't stop thinking about killing myself", 'No one would care if I killed myself', 'I want to die…',
  ]],
  spanish: ['self-harm', [
    'Me quiero morir', 'quiero morir', 'Pienso en suicidarme', 'tengo ganas de matarme', 'quiero quitarme la vida',
    'No quiero vivir', 'ya no quiero seguir viviendo', 'me voy a matar', 'quiero acabar con todo', 'volví a cortarme',
    'estaría mejor muerta', 'todos estarían mejor sin mí', 'el suicidio', 'No tengo razones para vivir', 'autolesiones otra vez',
  ]],
  german: ['self-harm', [
    'Ich will sterben', 'ich möchte einfach nur sterben', 'Ich will mich umbringen', 'ich bringe mich um', 'Suizidgedanken seit Tagen',
    'Ich will nicht mehr leben', 'Selbstmord', 'ich ritze mich wieder', 'ich will allem ein Ende setzen', 'alle wären besser dran ohne mich',
    'Ich möchte mir das Leben nehmen', 'ICH WILL STERBEN', 'ich wünschte sterben', 'Ich habe Selbstmordgedanken',
  ]],
  french: ['self-harm', [
    "J'ai envie de mourir", 'je veux mourir', 'je vais me tuer', 'je pense à me suicider', "je n'ai plus envie de vivre",
    'je ne veux plus vivre', 'je veux mettre fin à mes jours', 'ils seraient mieux sans moi', 'envie de me faire du mal',
    'pensées suicidaires', 'je veux en finir avec la vie', 'Je me scarifie',
  ]],
  portuguese: ['self-harm', [
    'Quero morrer', 'quero me matar', 'vou me matar', 'penso em suicídio', 'não quero mais viver', 'Quero acabar com tudo',
    'quero tirar minha própria vida', 'voltei a me cortar', 'estariam melhor sem mim', 'sem razão para viver', 'pensamentos suicidas',
  ]],
  urges: ['urge', [
    "I'm about to act out", "I'm going to relapse", "I can't resist the urge", 'the urges are so strong',
    'strong urges right now', 'estoy a punto de recaer', 'no puedo resistir el impulso', 'ich bin kurz vor einem Rückfall',
    'je vais rechuter', 'estou prestes a recair', 'vou recair',
  ]],
  safety: ['safety', [
    'He hit me again last night', 'my husband choked me', "she's been hitting me", 'he threatened to kill me',
    "I'm scared he'll hurt me", "I'm not safe at home", "I'm afraid to go home", 'mi marido me pega', 'me amenazó con matarme',
    'no estoy segura en casa', 'er schlägt mich', 'mein Mann hat mich geschlagen', 'Er hat gedroht, mich umzubringen',
    'ich bin zu Hause nicht sicher', "Il me frappe", "mon mari m'a frappée", "j'ai peur qu'il me fasse du mal",
    'ele me bate', 'meu marido me agrediu', 'ele ameaçou me matar', 'não estou segura em casa',
    'he threatened me again', "he's threatening me", 'él me amenaza', 'mi marido me amenazó', 'er bedroht mich', 'er hat mich bedroht',
    'il me menace', "mon mari m'a menacée", 'ele me ameaça',
  ]],
};

/** Unsure: a gentle question, never a crisis reply and never anything to supporters. */
const UNSURE: [string, HeavyKind][] = [
  ["I can't take it anymore", 'self-harm'], ['I give up on everything', 'self-harm'], ["what's the point of living", 'self-harm'],
  ['Everything feels pointless since Friday.', 'self-harm'], ['I feel so hopeless', 'self-harm'], ['I just want to disappear', 'self-harm'],
  ["I'm not suicidal, just tired", 'self-harm'], ["I would never kill myself", 'self-harm'], ["I don't want to die", 'self-harm'],
  ['I could kill myself for forgetting her birthday', 'self-harm'], ['i could just kill my self', 'self-harm'],
  ['no puedo más', 'self-harm'], ['ya no aguanto más', 'self-harm'], ['quiero desaparecer', 'self-harm'],
  ['ich kann nicht mehr', 'self-harm'], ['Ich kann einfach nicht mehr.', 'self-harm'], ['lebensmüde', 'self-harm'],
  ["je n'en peux plus", 'self-harm'], ['envie de disparaître', 'self-harm'],
  ['não aguento mais', 'self-harm'], ['quero sumir', 'self-harm'],
  ['he beat me', 'safety'], ["I'm afraid of him", 'safety'], ['ich habe Angst vor ihm', 'safety'], ['tengo miedo de él', 'safety'],
  ["j'ai peur de lui", 'safety'], ['tenho medo dele', 'safety'], ['je vais craquer', 'urge'], ['I want to act out', 'urge'],
  ['Call my sponsor when I want to act out', 'urge'],
];

/** Everyday phrases: nothing at all. */
const EVERYDAY = [
  '', '   ', 'I could die of embarrassment', 'this is killing me', 'my feet are killing me', "I'm dying to see the new film",
  'killing time before the meeting', 'that joke killed me', "I'd kill for a coffee", 'dead tired today', 'the battery died',
  'I died laughing at that movie', 'this chocolate cake is to die for', 'killing it at work today', 'the diet is going well',
  'new diet, new me', 'I need to skill myself up', "I can't go on the trip tomorrow", "can't go on vacation this year",
  'I cut myself a slice of cake', 'cutting myself some slack', "I don't want to live in this city forever", 'Harmony and self-care',
  'self-esteem is better', 'went to a meeting, called my sponsor', 'studied for the exam', 'a killer workout', 'the suite was nice',
  'end of the day, it all worked out', 'he hit me up yesterday', 'it hit me that I need help', 'she beat me at chess',
  'she pushed me away', 'he hurt me so much when he lied', "I'm afraid of spiders", 'I resisted the urge today',
  'urges were strong but I called my sponsor', 'the urge to eat cake is so strong lol', 'what is the point of this meeting',
  // Spanish
  'me muero de risa', 'me muero de hambre', 'me muero por verte', 'este trabajo me está matando', 'mi jefe me va a matar',
  'me corto el pelo mañana', 'me hice daño en la rodilla', 'no quiero vivir aquí', 'voy a acabar con todo el trabajo', 'no puedo más con este calor hoy',
  'me pegó la gripe',
  // German
  'ich sterbe vor Hunger', 'ich könnte sterben vor Lachen', 'das bringt mich noch um', 'die Hitze bringt mich um',
  'ich kann nicht mehr warten', 'ich will nicht sterben müssen, ohne Italien zu sehen', 'mein Rücken tut weh',
  // French
  'je meurs de faim', 'mort de rire', 'ça me tue', 'il va me tuer si je suis en retard', "j'ai hâte d'en finir avec ce rapport",
  "ça m'a frappé hier soir, cette idée", 'je meurs de chaud',
  // Portuguese
  'morrendo de rir', 'morrendo de fome', 'isso está me matando', 'minha mãe vai me matar', 'vou cortar o cabelo',
  'não aguento mais esperar', 'acabar com tudo isso hoje no trabalho',
  'the storm threatened the harvest', 'rain is threatening', 'la lluvia amenaza', 'das Wetter bedroht die Ernte',
];

describe('crisis words', () => {
  for (const [language, [kind, phrases]] of Object.entries(CLEAR)) {
    it.each(phrases)(`${language}: %j brings a crisis reply (${kind})`, (text) => {
      expect(detect(text)).toEqual({ kind, certainty: 'clear' });
    });
  }

  it.each(UNSURE)('%j brings only a gentle question (%s)', (text, kind) => {
    expect(detect(text)).toEqual({ kind, certainty: 'unsure' });
  });

  it.each(EVERYDAY)('%j brings nothing', (text) => {
    expect(detect(text)).toBeNull();
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
      const r = detect(text);
      expect(r === null || (typeof r.kind === 'string' && typeof r.certainty === 'string')).toBe(true);
    }));
  });

  it('finds a clear phrase inside any surrounding words, across case and punctuation (property)', () => {
    const word = fc.stringMatching(/^[a-z]{4,9}$/).filter((w) => !/^(?:not|never|could|nicht|pas|nao|nunca)$/.test(w));
    fc.assert(fc.property(
      fc.array(word, { maxLength: 5 }),
      fc.constantFrom('I want to die', 'kill myself', 'quiero morir', 'ich will sterben', 'envie de mourir', 'quero morrer', 'self-harm'),
      fc.array(word, { maxLength: 5 }),
      fc.constantFrom('', '.', '!', '?', '…'),
      (before, phrase, after, mark) => {
        const text = `${before.join(' ')} ${phrase.toUpperCase()}${mark} ${after.join(' ')}`;
        expect(detect(text)).toEqual({ kind: 'self-harm', certainty: 'clear' });
      },
    ));
  });

  it('keeps a documented, readable list in five languages', () => {
    expect(BUILT_IN_CRISIS_PHRASES.length).toBeGreaterThanOrEqual(60);
    for (const p of BUILT_IN_CRISIS_PHRASES) {
      expect(p.example.length).toBeGreaterThan(0);
      expect(() => new RegExp(p.pattern, 'u')).not.toThrow();
    }
  });

  it('normalises case, accents, ß, curly apostrophes and punctuation', () => {
    expect(normaliseText('Ich MÖCHTE; Straße – don’t!')).toBe("ich mochte .  strasse - don't . ");
  });
});

describe("an admin's own phrases", () => {
  it('adds plain phrases of each kind, with * for any ending and ? for a gentle question', () => {
    const extra = parseCrisisPhrases('# Dutch\nself-harm: ik wil dood\nself-harm: zelfmoord*\n\nsafety: hij slaat me\nself-harm?: ik kan niet meer\n');
    expect('phrases' in extra).toBe(true);
    const withDutch = crisisDetector([...BUILT_IN_CRISIS_PHRASES, ...('phrases' in extra ? extra.phrases : [])]);
    expect(withDutch('Ik wil dood.')).toEqual({ kind: 'self-harm', certainty: 'clear' });
    expect(withDutch('zelfmoordgedachten')).toEqual({ kind: 'self-harm', certainty: 'clear' });
    expect(withDutch('Hij slaat me')).toEqual({ kind: 'safety', certainty: 'clear' });
    expect(withDutch('ik kan niet meer')).toEqual({ kind: 'self-harm', certainty: 'unsure' });
    expect(withDutch('ik wil dood (niet echt)')).toEqual({ kind: 'self-harm', certainty: 'clear' });
    expect(detect('Ik wil dood.')).toBeNull();
  });

  it('names the first line that does not fit, and what was expected', () => {
    expect(parseCrisisPhrases('self-harm: ok\nsadness: too much')).toEqual({ line: 2, problem: expect.stringContaining('self-harm, urge, safety') });
    expect(parseCrisisPhrases('urge:   ')).toEqual({ line: 1, problem: expect.stringContaining('kind: phrase') });
    expect(parseCrisisPhrases('safety: (.*)')).toEqual({ line: 1, problem: expect.stringContaining('a phrase after the colon') });
  });

  it('treats regular-expression characters in a phrase as plain text', () => {
    const extra = parseCrisisPhrases('safety: a+b (c)');
    const d = crisisDetector('phrases' in extra ? extra.phrases : []);
    expect(d('a+b (c)')).toEqual({ kind: 'safety', certainty: 'clear' });
    expect(d('aab c')).toBeNull();
  });
});

describe('a FANOS answer that looks like a disclosure', () => {
  it.each([
    'I relapsed on the 12th. I told Sam, I did not tell you yet.', "There's something I need to tell you", 'I lied to you about Friday',
    "I haven't told you this", 'tuve una recaída', 'ich hatte einen Rückfall', "j'ai rechuté", 'tive uma recaída',
  ])('%j does', (text) => expect(looksLikeDisclosure(text)).toBe(true));

  it.each(['I appreciate how patient you were this week', 'I need an evening to myself', 'I feel tired but hopeful', 'I told you I love you'])(
    '%j does not', (text) => expect(looksLikeDisclosure(text)).toBe(false));
});
