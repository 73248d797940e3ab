import { Harvest } from './harvest';

describe('Harvest', () => {
  const harvest = new Harvest();
  const unitA = '11111111-1111-4111-8111-111111111111';
  const unitB = '22222222-2222-4222-8222-222222222222';
  const order = '33333333-3333-4333-8333-333333333333';
  harvest.add('dispatch', '/v1/units', 'city-a', { items: [{ id: unitA, code: 'housing', areaCodes: ['320102', '320104'] }] }, false);
  harvest.add('dispatch', '/v1/units', 'city-b', { items: [{ id: unitB, code: 'housing', areaCodes: ['320213'] }] }, false);
  harvest.add('intake', '/v1/categories', 'city-a', { version: 1, items: [{ code: '030603', name: '电梯', level: 3 }] }, false);
  harvest.add('handling', '/v1/work-orders', 'city-a', { items: [{ id: order, requestId: 'r-1', unitId: unitA, deadlines: [{ id: 'd-1' }] }] }, false);
  harvest.add('intake', '/v1/public/{tenant}/requests', 'city-a', { number: '3201-1', accessCode: '123456' }, true);
  harvest.seed('city-a', 'tenant', 'city-a');

  const ctx = (service: string, collectionPath?: string) => ({ service, tenant: 'city-a', ...(collectionPath ? { collectionPath } : {}) });

  it('matches by name, plural lists by their singular', () => {
    expect(harvest.candidates('areaCode', ctx('intake'))).toEqual(['320102', '320104']);
    expect(harvest.candidates('tenant', ctx('intake'))).toEqual(['city-a']);
  });

  it('gives a path {id} the ids of the collection it indexes, and nothing else', () => {
    expect(harvest.candidates('id', ctx('handling', '/v1/work-orders'))).toEqual([order]);
    expect(harvest.candidates('id', ctx('handling', '/v1/dead-letters'))).toEqual([]);
  });

  it('reads `…Id` and `…Code` as the id or code of the collection they name', () => {
    expect(harvest.candidates('primaryUnitId', ctx('dispatch'))).toEqual([unitA]);
    expect(harvest.candidates('categoryCode', ctx('intake'))).toEqual(['030603']);
    expect(harvest.candidates('code', ctx('intake'), { type: 'string', pattern: '^[0-9]{6}$' })).toContain('123456');
  });

  it("keeps tenants apart and knows which ids only the own tenant's callers saw", () => {
    expect(harvest.candidates('primaryUnitId', { service: 'dispatch', tenant: 'city-b' })).toEqual([unitB]);
    const own = harvest.idsOnlyOf('city-a');
    expect(own.has(unitA)).toBe(true);
    expect(own.has(unitB)).toBe(false);
  });

  it("takes several values from one record (a submission's number and access code)", () => {
    expect(harvest.joint(['number', 'code'], ctx('intake'))).toEqual({ number: '3201-1', code: '123456' });
    expect(harvest.joint(['number', 'nothing'], ctx('intake'))).toBeUndefined();
  });

  it('keeps the items of every page of a listing, and the last answer whole', () => {
    harvest.add('intake', '/v1/categories', 'city-a', { items: [{ code: '0306', name: '住房', level: 2 }] }, false, 1);
    expect(harvest.itemsOf('city-a', 'intake', '/v1/categories').map((i) => i['code'])).toEqual(['030603', '0306']);
    expect(harvest.bodyOf('city-a', 'intake', '/v1/categories')).toMatchObject({ version: 1 });
  });
});
