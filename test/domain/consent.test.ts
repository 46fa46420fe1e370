// The one rule for what reaches a supporter: the meeting of what the person shares and what
// the supporter asked for. Each half alone lets nothing through; a partner is never a
// responder unless both choose it; and the words each side is shown are built from the same halves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyScopes, defaultShares, DEFAULT_WANTS, mayReceive, meetingOf, parseScopes, PARTNER_LEVELS, RELATIONS, SCOPES,
  type LinkConsent, type Scope,
} from '../../src/domain/consent.js';
import { arrivingInWords } from '../../src/messages/consent.js';

const scopesArb = fc.subarray([...SCOPES]);
const linkArb: fc.Arbitrary<LinkConsent> = fc.record({
  relation: fc.constantFrom(...RELATIONS),
  scopes: scopesArb,
  wants: scopesArb,
  partnerLevel: fc.constantFrom(...PARTNER_LEVELS),
  onCall: fc.boolean(),
  receivingPaused: fc.boolean(),
  ended: fc.boolean(),
}).map((l) => ({ ...l, partnerLevel: l.relation === 'partner' ? l.partnerLevel : null }));

describe('mayReceive: both halves', () => {
  it('lets a scope through only when the person shares it and the supporter wants it, on a live, unpaused link', () => {
    fc.assert(fc.property(linkArb, fc.constantFrom(...SCOPES), fc.boolean(), (link, scope, relapse) => {
      const m = meetingOf(link);
      const allowed = mayReceive(link, { scope, relapse });
      if (allowed) {
        expect(link.scopes).toContain(scope);
        expect(m.arrives).toContain(scope);
        expect(link.ended || link.receivingPaused).toBe(false);
      }
      if (!link.ended && !link.receivingPaused && m.arrives.includes(scope) && (scope !== 'status' || relapse || !m.relapseOnly)) {
        expect(allowed).toBe(true);
      }
    }));
  });

  it('sorts every scope into exactly one place: arrives, waits for the person, waits for the supporter, or neither side chose it', () => {
    fc.assert(fc.property(linkArb, (link) => {
      const m = meetingOf(link);
      for (const s of SCOPES) {
        const places = [m.arrives, m.waitsForPerson, m.waitsForSupporter].filter((p) => p.includes(s)).length;
        expect(places).toBeLessThanOrEqual(1);
        if (link.scopes.includes(s)) expect(places).toBe(1);
      }
    }));
  });

  it('never lets alerts or SOS reach a partner who has not agreed to be on call, whatever the person shares and whatever the level', () => {
    fc.assert(fc.property(linkArb, fc.constantFrom<Scope>('alerts', 'sos'), (l, scope) => {
      const link = { ...l, relation: 'partner' as const, partnerLevel: l.partnerLevel ?? 'full', onCall: false, scopes: [...SCOPES] };
      expect(mayReceive(link, { scope })).toBe(false);
    }));
  });

  it('gives a partner on "relapse notices" only a status that reports a relapse, and nothing of mood or notes', () => {
    const link: LinkConsent = { relation: 'partner', scopes: [...SCOPES], wants: [], partnerLevel: 'relapse', onCall: false, receivingPaused: false, ended: false };
    expect(mayReceive(link, { scope: 'status', relapse: true })).toBe(true);
    expect(mayReceive(link, { scope: 'status', relapse: false })).toBe(false);
    expect(['mood', 'notes', 'milestones', 'alerts', 'sos'].filter((s) => mayReceive(link, { scope: s as Scope, relapse: true }))).toEqual([]);
    expect(arrivingInWords(link)).toBe('relapse notices');
  });
});

describe('defaults by role', () => {
  it('a new sponsor or coach link shares alerts, SOS and milestones; a partner link shares nothing', () => {
    expect(defaultShares('sponsor')).toEqual(['alerts', 'sos', 'milestones']);
    expect(defaultShares('coach')).toEqual(['alerts', 'sos', 'milestones']);
    expect(defaultShares('partner')).toEqual([]);
    // A sponsor or coach wants whatever is shared, until they choose less: that asks for nothing in particular.
    expect(DEFAULT_WANTS).toEqual(SCOPES);
    const sponsor: LinkConsent = { relation: 'sponsor', scopes: ['alerts'], wants: DEFAULT_WANTS, partnerLevel: null, onCall: false, receivingPaused: false, ended: false };
    expect(meetingOf(sponsor)).toEqual({ arrives: ['alerts'], relapseOnly: false, waitsForPerson: [], waitsForSupporter: [] });
    expect(meetingOf({ ...sponsor, wants: ['alerts', 'status'] }).waitsForPerson).toEqual(['status']);
  });
});

describe('scope lists as typed', () => {
  it('set, add and remove', () => {
    expect(parseScopes('status, mood')).toEqual({ set: ['status', 'mood'] });
    expect(parseScopes('none')).toEqual({ set: [] });
    expect(parseScopes('+status,-notes')).toEqual({ add: ['status'], remove: ['notes'] });
    expect(parseScopes('+status,mood')).toEqual({ add: ['status', 'mood'], remove: [] });
    expect(parseScopes('all')).toEqual({ set: [...SCOPES] });
    expect(parseScopes('status,hugs')).toEqual({ unknown: 'hugs' });
    expect(applyScopes(['alerts', 'notes'], { add: ['status'], remove: ['notes'] })).toEqual(['alerts', 'status']);
  });

  it('applying a choice keeps SCOPES order and no duplicates', () => {
    fc.assert(fc.property(scopesArb, scopesArb, scopesArb, (now, add, remove) => {
      const next = applyScopes(now, { add, remove });
      expect(next).toEqual(SCOPES.filter((s) => next.includes(s)));
      for (const s of add) if (!remove.includes(s)) expect(next).toContain(s);
      for (const s of remove) if (!add.includes(s)) expect(next).not.toContain(s);
    }));
  });
});
