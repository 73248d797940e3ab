import { canActFor, canSee, visibleUnitCode, WORK_ORDER_READERS } from './visibility';

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

  it('lets reviewers read every unit’s orders: they review them', () => {
    expect(WORK_ORDER_READERS).toContain('reviewer');
    expect(visibleUnitCode({ roles: ['reviewer'] })).toBeUndefined();
    expect(canSee({ roles: ['reviewer'] }, 'u7')).toBe(true);
    expect(WORK_ORDER_READERS).not.toContain('agent');
  });

  it('lets only staff of the assigned unit act on an order', () => {
    expect(canActFor({ roles: ['unit-operator'], unit: 'u1' }, 'u1')).toBe(true);
    expect(canActFor({ roles: ['unit-leader'], unit: 'u1' }, 'u2')).toBe(false);
    expect(canActFor({ roles: ['unit-operator'] }, '')).toBe(false);
    expect(canActFor({ roles: ['supervisor'], unit: 'u1' }, 'u1')).toBe(false);
  });
});
