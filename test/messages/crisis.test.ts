import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES } from '../../src/domain/roles.js';
import {
  CRISIS_PATTERNS,
  DEFAULT_CRISIS_TEXTS,
  crisisResources,
  mentionsCrisis,
  type CrisisTexts,
} from '../../src/messages/crisis.js';

const SEXUAL = /(?<![\p{L}\p{N}])(?:porn\w*|sex|sexual\w*|erotic\w*|nude\w*|masturbat\w*|lust\w*)(?![\p{L}\p{N}])/iu;

describe('crisisResources', () => {
  const all = [DEFAULT_CRISIS_TEXTS.generic, ...ROLES.map((r) => crisisResources(r, DEFAULT_CRISIS_TEXTS))];

  it('gives each role its own text, different from the others and from the generic one', () => {
    expect(new Set(all).size).toBe(all.length);
    for (const role of ROLES) expect(crisisResources(role, DEFAULT_CRISIS_TEXTS)).toBe(DEFAULT_CRISIS_TEXTS[role]);
    expect(crisisResources(null, DEFAULT_CRISIS_TEXTS)).toBe(DEFAULT_CRISIS_TEXTS.generic);
  });

  it.each(all.map((text, i) => ({ name: ['generic', ...ROLES][i], text })))(
    'the $name text says to call the local emergency number now, names known lines, /sos, and is not a therapist',
    ({ text }) => {
      expect(text).toMatch(/call (?:your|the) local emergency number[^.]*now/i);
      for (const n of ['112', '911', '000']) expect(text).toContain(n);
      expect(text).toContain('988');
      expect(text).toContain('Samaritans');
      expect(text).toContain('116 123');
      expect(text).toContain('findahelpline.com');
      expect(text).toContain('/sos');
      expect(text).toMatch(/not a therapist or an emergency service/i);
      expect(text).not.toMatch(SEXUAL);
      expect(text).not.toMatch(/[@*_`<>]/);
      expect(text).not.toMatch(/e\.g\./);
    },
  );

  it('fits the role', () => {
    const recovery = DEFAULT_CRISIS_TEXTS.recovery.toLowerCase();
    expect(recovery).toContain('leave the situation');
    expect(recovery).toContain('sponsor');
    expect(recovery).toContain('meeting');
    expect(recovery).toContain('halt');
    expect(recovery).toContain('still count');

    const partner = DEFAULT_CRISIS_TEXTS.partner.toLowerCase();
    expect(partner).toContain('you did nothing to cause this');
    expect(partner).toContain('safety comes first');
    expect(partner).toContain('betrayal trauma');
    expect(partner).toContain('support group');
    expect(partner).not.toMatch(/relaps|sober|sobriety|urge/);

    const supporter = DEFAULT_CRISIS_TEXTS.supporter.toLowerCase();
    expect(supporter).toContain('carry it alone');
    expect(supporter).toContain('someone you support');
  });

  it('falls back to the generic text when a configured role text is blank, and to the default when everything is', () => {
    const custom: CrisisTexts = { generic: 'Call 112 now.', recovery: '  ', partner: 'Partner help.', supporter: '' };
    expect(crisisResources('recovery', custom)).toBe('Call 112 now.');
    expect(crisisResources('supporter', custom)).toBe('Call 112 now.');
    expect(crisisResources('partner', custom)).toBe('Partner help.');
    const blank: CrisisTexts = { generic: '', recovery: '', partner: '', supporter: '' };
    for (const role of [null, ...ROLES]) expect(crisisResources(role, blank)).toBe(DEFAULT_CRISIS_TEXTS.generic);
  });
});

describe('mentionsCrisis', () => {
  const positives = [
    'suicide',
    'I keep thinking about suicide',
    'Feeling SUICIDAL again tonight',
    'I want to kill myself',
    'i could just kill my self',
    'i just want to end it all',
    'Thinking of ending it all.',
    'I want to die',
    'i wanna die',
    'honestly I want to just die',
    'been self-harming again',
    'self harm',
    'Selfharm urges today',
    'I might hurt myself',
    "There's no reason to live",
    'nothing left to live for',
    'I can’t go on',
    "I can't go on like this",
    'i cant go on anymore',
    'I cannot go on.',
    'I don’t want to be alive',
    "I don't want to wake up tomorrow",
    'everyone would be better off without me',
    'I wish I was dead',
    'I want to end my life',
    'thinking about taking my own life',
    'I cut myself last night',
    'Ｉ ｗａｎｔ ｔｏ ｄｉｅ', // full-width
    'suïcide', // accent
    'kill\u00A0myself', // non-breaking space
    'kill\nmyself', // line break
    'self\u2011harm', // non-breaking hyphen
    'sui\u200Bcide', // zero-width space
    'I might overdose',
    'KILL MYSELF',
  ];

  const negatives = [
    '',
    '   ',
    'killing it at work today',
    'the diet is going well',
    'new diet, new me',
    'I need to skill myself up',
    'the battery died',
    'I died laughing at that movie',
    'this chocolate cake is to die for',
    "I can't go on the trip tomorrow",
    "can't go on vacation this year",
    'I cut myself a slice of cake',
    'cutting myself some slack',
    "I don't want to live in this city forever",
    'Harmony and self-care',
    'self-esteem is better',
    'went to a meeting, called my sponsor',
    'studied for the exam',
    'a killer workout',
    'the suite was nice',
    'end of the day, it all worked out',
  ];

  it.each(positives)('detects %j', (text) => {
    expect(mentionsCrisis(text)).toBe(true);
  });

  it.each(negatives)('does not fire on %j', (text) => {
    expect(mentionsCrisis(text)).toBe(false);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(typeof mentionsCrisis(text)).toBe('boolean');
      }),
    );
  });

  it('fires inside any surrounding text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('suicide', 'kill myself', 'want to die', 'self-harm', 'no reason to live'),
        fc.string({ maxLength: 40 }),
        (before, phrase, after) => {
          expect(mentionsCrisis(`${before} ${phrase} ${after}`)).toBe(true);
        },
      ),
    );
  });

  it('keeps a documented, readable list of patterns', () => {
    expect(CRISIS_PATTERNS.length).toBeGreaterThanOrEqual(10);
    for (const p of CRISIS_PATTERNS) {
      expect(p.example.length).toBeGreaterThan(0);
      expect(() => new RegExp(p.pattern, 'u')).not.toThrow();
    }
  });
});
