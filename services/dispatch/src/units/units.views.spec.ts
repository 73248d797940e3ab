import { UnitEntity } from './unit.entity';
import { toUnitCard, toUnitMessage, toUnitView } from './units.views';

describe('units views', () => {
  const root: UnitEntity = {
    id: '0190a0a0-0000-7000-8000-000000000001',
    tenantId: 'city-3201',
    code: 'CITY',
    name: '市政务服务中心',
    parentId: null,
    areaCodes: ['3201'],
    level: 'city',
    active: true,
    createdAt: new Date('2025-01-24T02:00:00Z'),
  };

  it('gives a root an empty parentId in contracts and a null one in REST, and no tenant', () => {
    expect(toUnitMessage(root)).toEqual({
      id: root.id, code: 'CITY', name: '市政务服务中心', parentId: '', areaCodes: ['3201'], createdAt: '2025-01-24T02:00:00.000Z', active: true,
    });
    expect(toUnitView(root)).toMatchObject({ parentId: null, level: 'city', createdAt: '2025-01-24T02:00:00.000Z' });
    expect(toUnitView(root)).not.toHaveProperty('tenantId');
    expect(toUnitView({ ...root, parentId: 'p' }).parentId).toBe('p');
  });

  it('says whether the unit takes new work, in contracts and REST alike', () => {
    const deactivated = { ...root, active: false };
    expect(toUnitMessage(deactivated).active).toBe(false);
    expect(toUnitView(deactivated).active).toBe(false);
  });

  it('carries what dispatch decides with into the unit card', () => {
    expect(toUnitCard(root)).toEqual({ id: root.id, code: 'CITY', name: '市政务服务中心', areaCodes: ['3201'], level: 'city' });
  });
});
