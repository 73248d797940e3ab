import { clearReadRefusal, ClearReadTarget } from './clear-reads';

const OPEN: ClearReadTarget = { anonymous: false, confidential: false, primaryUnitCode: 'unit-housing' };
const CONFIDENTIAL: ClearReadTarget = { ...OPEN, confidential: true };

describe('who reads personal data in clear', () => {
  it('lets agents and supervisors read both the requester and the text of an ordinary request', () => {
    for (const subject of ['requester', 'free-text'] as const) {
      expect(clearReadRefusal(subject, { roles: ['agent'] }, OPEN)).toBeUndefined();
      expect(clearReadRefusal(subject, { roles: ['supervisor'] }, OPEN)).toBeUndefined();
    }
  });

  it("lets the primary unit's staff read the text, never the requester, and no other unit either", () => {
    expect(clearReadRefusal('free-text', { roles: ['unit-operator'], unit: 'unit-housing' }, OPEN)).toBeUndefined();
    expect(clearReadRefusal('free-text', { roles: ['unit-leader'], unit: 'unit-housing' }, OPEN)).toBeUndefined();
    expect(clearReadRefusal('requester', { roles: ['unit-operator'], unit: 'unit-housing' }, OPEN)).toMatch(/agents and supervisors/);
    expect(clearReadRefusal('free-text', { roles: ['unit-operator'], unit: 'unit-transport' }, OPEN)).toMatch(/primary unit/);
    expect(clearReadRefusal('free-text', { roles: ['unit-operator'] }, { ...OPEN, primaryUnitCode: null })).toMatch(/primary unit/);
    expect(clearReadRefusal('free-text', { roles: ['dispatcher', 'reviewer'] }, OPEN)).toMatch(/primary unit/);
  });

  it('keeps a confidential request for supervisors only; an anonymous one has nothing to keep', () => {
    expect(clearReadRefusal('requester', { roles: ['agent'] }, CONFIDENTIAL)).toMatch(/supervisors only/);
    expect(clearReadRefusal('free-text', { roles: ['agent'] }, CONFIDENTIAL)).toMatch(/supervisors only/);
    expect(clearReadRefusal('free-text', { roles: ['unit-operator'], unit: 'unit-housing' }, CONFIDENTIAL)).toMatch(/supervisors only/);
    expect(clearReadRefusal('free-text', { roles: ['supervisor'] }, CONFIDENTIAL)).toBeUndefined();
    expect(clearReadRefusal('free-text', { roles: ['agent'] }, { ...CONFIDENTIAL, anonymous: true })).toBeUndefined();
  });
});
