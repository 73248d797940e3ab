import { REQUEST_STATUSES } from '@hotline/vocabulary';
import {
  CONTACT_REACHERS,
  CONTACT_VIEWERS,
  contactRefusal,
  contactRefusalDetail,
  ContactTarget,
  contactViewRefusal,
  DEFAULT_CONTACT_POLICY,
  revealCapApplies,
  revealsLeft,
} from './contact-reveal';

const OPEN: ContactTarget = { anonymous: false, confidential: false, status: 'in-progress', primaryUnitCode: 'housing' };
const OPERATOR = { roles: ['unit-operator' as const], unit: 'housing' };
const LEADER = { roles: ['unit-leader' as const], unit: 'housing' };
const OTHER_UNIT = { roles: ['unit-operator' as const], unit: 'env' };

describe('reaching the requester (issue 12)', () => {
  it("lets the primary unit's operators and leaders reach the requester of a request with them", () => {
    expect(contactRefusal(OPERATOR, OPEN)).toBeUndefined();
    expect(contactRefusal(LEADER, { ...OPEN, status: 'dispatched' })).toBeUndefined();
    expect(contactViewRefusal(OPERATOR, OPEN)).toBeUndefined();
  });

  it('refuses another unit, and unit staff without a unit claim or before the request has a primary unit', () => {
    expect(contactRefusal(OTHER_UNIT, OPEN)).toBe('other-unit');
    expect(contactViewRefusal(OTHER_UNIT, OPEN)).toBe('other-unit');
    expect(contactRefusal({ roles: ['unit-operator'] }, OPEN)).toBe('other-unit');
    expect(contactRefusal({ roles: ['unit-operator'], unit: '' }, { ...OPEN, primaryUnitCode: null })).toBe('other-unit');
    expect(contactRefusal(OPERATOR, { ...OPEN, primaryUnitCode: null, status: 'awaiting-dispatch' })).toBe('other-unit');
  });

  it('tells another unit nothing about the request, not even that it is anonymous or confidential', () => {
    expect(contactRefusal(OTHER_UNIT, { ...OPEN, anonymous: true })).toBe('other-unit');
    expect(contactRefusal(OTHER_UNIT, { ...OPEN, confidential: true })).toBe('other-unit');
  });

  it('keeps the unit to the statuses in which the request is with it: dispatched and in progress', () => {
    const allowed = REQUEST_STATUSES.filter((status) => contactRefusal(OPERATOR, { ...OPEN, status }) === undefined);
    expect(allowed).toEqual(['dispatched', 'in-progress']);
    for (const status of ['answered', 'reviewed', 'revisited', 'closed', 'merged', 'transferred', 'archived'] as const)
      expect(contactRefusal(OPERATOR, { ...OPEN, status })).toBe('not-with-unit');
  });

  it('lets agents and supervisors reach the requester in any status, and no other hotline role', () => {
    for (const status of REQUEST_STATUSES) {
      expect(contactRefusal({ roles: ['agent'] }, { ...OPEN, status, primaryUnitCode: null })).toBeUndefined();
      expect(contactRefusal({ roles: ['supervisor'] }, { ...OPEN, status })).toBeUndefined();
    }
    for (const role of ['dispatcher', 'reviewer', 'tenant-admin'] as const) {
      expect(contactRefusal({ roles: [role] }, OPEN)).toBe('role');
      expect(contactViewRefusal({ roles: [role] }, OPEN)).toBeUndefined();
    }
    expect(contactRefusal({ roles: ['telephony'] }, OPEN)).toBe('role');
  });

  it('keeps a confidential request from units for ever, and from agents; supervisors may', () => {
    const secret = { ...OPEN, confidential: true };
    expect(contactRefusal(OPERATOR, secret)).toBe('confidential');
    expect(contactRefusal(LEADER, { ...secret, status: 'dispatched' })).toBe('confidential');
    expect(contactRefusal({ roles: ['agent'] }, secret)).toBe('confidential');
    expect(contactRefusal({ roles: ['supervisor'] }, secret)).toBeUndefined();
    // The view stays open to the unit: it shows that the requester is confidential, nothing else.
    expect(contactViewRefusal(OPERATOR, secret)).toBeUndefined();
  });

  it('has nothing to reveal of an anonymous request, for anyone who may otherwise reach requesters', () => {
    for (const reader of [OPERATOR, { roles: ['agent' as const] }, { roles: ['supervisor' as const] }])
      expect(contactRefusal(reader, { ...OPEN, anonymous: true })).toBe('anonymous');
  });

  it('counts a hotline role first: unit staff who are also agents are treated as hotline staff', () => {
    expect(contactRefusal({ roles: ['unit-operator', 'agent'], unit: 'env' }, OPEN)).toBeUndefined();
    expect(revealCapApplies({ roles: ['unit-operator', 'supervisor'], unit: 'housing' })).toBe(false);
  });

  it('caps the reveals of unit staff only, 50 a day by default, never below zero', () => {
    expect(DEFAULT_CONTACT_POLICY).toEqual({ dailyRevealsPerUser: 50 });
    expect(revealCapApplies(OPERATOR)).toBe(true);
    expect(revealCapApplies(LEADER)).toBe(true);
    expect(revealCapApplies({ roles: ['agent'] })).toBe(false);
    expect(revealsLeft(DEFAULT_CONTACT_POLICY, 0)).toBe(50);
    expect(revealsLeft(DEFAULT_CONTACT_POLICY, 49)).toBe(1);
    expect(revealsLeft(DEFAULT_CONTACT_POLICY, 50)).toBe(0);
    expect(revealsLeft({ dailyRevealsPerUser: 0 }, 3)).toBe(0);
  });

  it('names every refusal in a sentence, and the route guards admit the roles the rule may let through', () => {
    for (const reason of ['anonymous', 'confidential', 'other-unit', 'not-with-unit', 'role', 'daily-limit'] as const)
      expect(contactRefusalDetail(reason)).toMatch(/\w{4}/);
    expect(CONTACT_VIEWERS).toEqual(expect.arrayContaining(CONTACT_REACHERS));
    expect(CONTACT_VIEWERS).not.toContain('telephony');
  });
});
