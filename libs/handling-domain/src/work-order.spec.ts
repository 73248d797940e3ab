import { canSee, isClockRunning, isOnTime, nextStatus, toAssignmentRole, visibleUnitCode } from './work-order';

describe('work-order transitions', () => {
  it('signs, answers and reviews only from the right status', () => {
    expect(nextStatus('awaiting-sign', 'sign')).toBe('in-progress');
    expect(nextStatus('in-progress', 'sign')).toBeUndefined();
    expect(nextStatus('in-progress', 'answer')).toBe('answered');
    expect(nextStatus('awaiting-sign', 'answer')).toBeUndefined();
    expect(nextStatus('answered', 'answer')).toBeUndefined();
    expect(nextStatus('answered', 'review-passed')).toBe('reviewed');
    expect(nextStatus('answered', 'review-failed')).toBe('in-progress');
    expect(nextStatus('reviewed', 'review-failed')).toBeUndefined();
    expect(nextStatus('in-progress', 'review-passed')).toBeUndefined();
  });

  it('keeps the sign-for clock until signed and the handling clock until answered', () => {
    expect(isClockRunning('awaiting-sign', 'sign-for')).toBe(true);
    expect(isClockRunning('in-progress', 'sign-for')).toBe(false);
    expect(isClockRunning('awaiting-sign', 'handling')).toBe(true);
    expect(isClockRunning('in-progress', 'handling')).toBe(true);
    expect(isClockRunning('answered', 'handling')).toBe(false);
    expect(isClockRunning('reviewed', 'handling')).toBe(false);
  });

  it('is on time strictly before the due instant', () => {
    const due = new Date('2025-03-03T00:00:00Z');
    expect(isOnTime(new Date(due.getTime() - 1), due)).toBe(true);
    expect(isOnTime(due, due)).toBe(false);
  });

  it('treats anything but primary as assisting', () => {
    expect(toAssignmentRole('primary')).toBe('primary');
    expect(toAssignmentRole('assisting')).toBe('assisting');
    expect(toAssignmentRole('')).toBe('assisting');
  });
});

describe('visibility', () => {
  it('shows hotline staff every unit and unit staff their own unit only', () => {
    expect(visibleUnitCode({ roles: ['dispatcher'] })).toBeUndefined();
    expect(visibleUnitCode({ roles: ['unit-operator', 'supervisor'], unit: 'u1' })).toBeUndefined();
    expect(visibleUnitCode({ roles: ['unit-operator'], unit: 'u1' })).toBe('u1');
    expect(canSee({ roles: ['tenant-admin'] }, 'u2')).toBe(true);
    expect(canSee({ roles: ['unit-leader'], unit: 'u1' }, 'u1')).toBe(true);
    expect(canSee({ roles: ['unit-leader'], unit: 'u1' }, 'u2')).toBe(false);
    expect(canSee({ roles: ['unit-operator'] }, '')).toBe(false);
  });
});
