import { escalationTarget, TreeUnit } from './escalation';

const unit = (id: string, level: TreeUnit['level'], parentId: string | null, areaCodes: string[]): TreeUnit => ({ id, code: id, level, parentId, areaCodes });
const CITY = unit('city-office', 'city', null, ['3201']);
const GULOU = unit('gulou-gov', 'district', 'city-office', ['320106']);
const XUANWU = unit('xuanwu-gov', 'district', 'city-office', ['320102']);
const HOUSING = unit('housing', 'department', null, ['3201']);
const STREET = unit('xuanwu-street', 'street', 'xuanwu-gov', ['320102001']);
const GULOU_DEPT = unit('gulou-housing', 'department', 'gulou-gov', ['320106']);
const units = new Map([CITY, GULOU, XUANWU, HOUSING, STREET, GULOU_DEPT].map((u) => [u.id, u]));
const target = (primary: TreeUnit, area: string, excluded: string[] = [], requested?: string) => {
  const choice = escalationTarget(primary, units, area, excluded, requested);
  return choice.kind === 'escalate' ? choice.target.id : choice;
};

describe('escalation up the unit tree (提级统筹)', () => {
  it('goes to the nearest coordinating parent first', () => {
    expect(target(STREET, '320102001')).toBe('xuanwu-gov');
    expect(target(GULOU_DEPT, '320106')).toBe('gulou-gov');
    expect(target(XUANWU, '320102')).toBe('city-office');
  });

  it('without a coordinating parent, goes to the lowest coordinating unit covering the area (the district government as 兜底)', () => {
    expect(target(HOUSING, '320102003')).toBe('xuanwu-gov');
    expect(target(HOUSING, '320199')).toBe('city-office');
    // A district whose return was accepted is passed over.
    expect(target(HOUSING, '320102003', ['xuanwu-gov'])).toBe('city-office');
  });

  it('refuses when nothing stands above: the city office itself', () => {
    expect(target(CITY, '320102')).toEqual({ kind: 'refused', reason: 'no-coordinating-unit' });
  });

  it('takes a named coordinating unit above the primary that covers the area or is its parent, naming toUnitId otherwise', () => {
    expect(target(HOUSING, '320102', [], 'city-office')).toBe('city-office');
    expect(target(STREET, '320102001', [], 'xuanwu-gov')).toBe('xuanwu-gov');
    const issue = (requested: string, primary = HOUSING, area = '320102', excluded: string[] = []) => {
      const choice = escalationTarget(primary, units, area, excluded, requested);
      return choice.kind === 'invalid' ? choice.issues[0]?.message : choice.kind;
    };
    expect(issue('nobody')).toMatch(/no such unit/);
    expect(issue('gulou-housing')).toMatch(/not a coordinating unit/);
    expect(issue('gulou-gov')).toMatch(/neither covers area 320102/);
    expect(issue('xuanwu-gov', XUANWU)).toMatch(/not above/);
    expect(issue('xuanwu-gov', HOUSING, '320102', ['xuanwu-gov'])).toMatch(/return was accepted/);
    expect(escalationTarget(HOUSING, units, '320102', [], 'nobody')).toMatchObject({ kind: 'invalid', issues: [{ field: 'toUnitId' }] });
  });
});
