import { Events } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually, queryAsTenant } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { dispatchService } from '../src/dispatch.service';
import { eventsOnStream } from './dispatch-test-helpers';

// Issue 16: a tenant-admin keeps the unit directory up to date — renames a unit, changes its areas
// of jurisdiction, moves it in the tree (never into a cycle) — and UnitChanged announces it.
describe('changing a handling unit: PATCH /v1/units/{id} (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const CITY = 'city-u';
  const unit: Record<string, string> = {};
  const as = (roles: Role[], tenant = CITY) => sut.as(tenant, roles);
  const patch = (code: string, body: unknown, roles: Role[] = ['tenant-admin'], tenant = CITY) => as(roles, tenant)('PATCH', `/v1/units/${unit[code]}`, body);
  const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);
  const unitRow = async (code: string) =>
    (await queryAsTenant<{ name: string; parent_id: string | null; area_codes: string[] }>(sut.db.url, CITY, `select name, parent_id, area_codes from handling_units where code = $1`, [code]))[0];
  const changes = async (id: string) => (await eventsOnStream(sut, Events.dispatch.unitChanged, CITY)).filter((e) => e.unit?.id === id);

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    const register = async (code: string, areaCodes: string[], parent?: string, tenant = CITY) => {
      const res = await as(['tenant-admin'], tenant)('POST', '/v1/units', { code, name: `${code} 单位`, areaCodes, ...(parent ? { parentId: unit[parent] } : {}) });
      expect(res.status).toBe(201);
      unit[tenant === CITY ? code : `${tenant}:${code}`] = res.body.id;
    };
    // CITY ─ DISTRICT ─ STREET; HOUSING under CITY.
    await register('CITY', ['3201']);
    await register('DISTRICT', ['320102'], 'CITY');
    await register('STREET', ['320102001'], 'DISTRICT');
    await register('HOUSING', ['320102', '320104'], 'CITY');
    await register('ELSEWHERE', ['4403'], undefined, 'city-v');
  });

  afterAll(() => sut?.close());

  it('renames, changes areas and moves a unit, announcing the unit as it is now with the fields that changed', async () => {
    const res = await patch('HOUSING', { name: ' 市住房和城乡建设局 ', areaCodes: ['320102', '320105', '320102000'], parentId: unit['DISTRICT'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: unit['HOUSING'], code: 'HOUSING', name: '市住房和城乡建设局', areaCodes: ['320102', '320105'], parentId: unit['DISTRICT'], level: 'department' });
    expect(await unitRow('HOUSING')).toEqual({ name: '市住房和城乡建设局', parent_id: unit['DISTRICT'], area_codes: ['320102', '320105'] });
    const listed = (await as(['dispatcher'])('GET', '/v1/units?area=320105')).body.items.map((u: { code: string }) => u.code);
    expect(listed).toContain('HOUSING');
    const [event] = await eventually('UnitChanged', async () => {
      const found = await changes(unit['HOUSING']);
      return found.length > 0 ? found : undefined;
    });
    expect(event).toMatchObject({
      unit: { id: unit['HOUSING'], code: 'HOUSING', name: '市住房和城乡建设局', parentId: unit['DISTRICT'], areaCodes: ['320102', '320105'] },
      changedFields: ['name', 'areaCodes', 'parentId'],
      changedBy: `${CITY}:user`,
    });

    // Back to the root (parentId null), then a PATCH that changes nothing publishes nothing.
    const root = await patch('HOUSING', { parentId: null });
    expect(root.body.parentId).toBeNull();
    const [{ n }] = await queryAsTenant<{ n: number }>(sut.db.url, CITY, `select count(*)::int as n from outbox where event_type = $1`, [Events.dispatch.unitChanged.type]);
    expect(n).toBe(2);
    expect((await patch('HOUSING', { parentId: null, name: '市住房和城乡建设局' })).status).toBe(200);
    const [{ n: after }] = await queryAsTenant<{ n: number }>(sut.db.url, CITY, `select count(*)::int as n from outbox where event_type = $1`, [Events.dispatch.unitChanged.type]);
    expect((await patch('HOUSING', {})).body).toMatchObject({ name: '市住房和城乡建设局', parentId: null });
    expect(after).toBe(2);
  });

  it('refuses a move into a cycle, under itself or under an unknown unit, naming parentId, nothing changed', async () => {
    const before = await unitRow('CITY');
    for (const parentId of [unit['STREET'], unit['DISTRICT'], unit['CITY'], unit['city-v:ELSEWHERE'], '0190a0a0-0000-7000-8000-000000000999']) {
      const res = await patch('CITY', { parentId, name: '改名不应生效' });
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(fieldsOf(res)).toEqual(['parentId']);
    }
    expect(await unitRow('CITY')).toEqual(before);
    expect(await changes(unit['CITY'])).toEqual([]);
    // Moving a leaf under its grandparent's sibling is fine.
    expect((await patch('STREET', { parentId: unit['HOUSING'] })).body.parentId).toBe(unit['HOUSING']);
  });

  it('refuses areas that no longer cover an area-bound entry of the catalog in force', async () => {
    const put = await as(['tenant-admin'])('PUT', '/v1/catalog', {
      entries: [{ categoryCode: '01', areaCode: '320102', primaryUnitId: unit['DISTRICT'] }, { categoryCode: '02', areaCode: '*', primaryUnitId: unit['CITY'] }],
    });
    expect(put.status).toBe(200);
    const narrowed = await patch('DISTRICT', { areaCodes: ['320104'] });
    expect(narrowed.status).toBe(400);
    expect(fieldsOf(narrowed)).toEqual(['areaCodes']);
    expect(narrowed.body.errors[0].message).toContain('01@320102');
    expect((await unitRow('DISTRICT')).area_codes).toEqual(['320102']);
    // Widening, or narrowing a unit on '*' entries only, is fine.
    expect((await patch('DISTRICT', { areaCodes: ['3201'] })).body.areaCodes).toEqual(['3201']);
    expect((await patch('CITY', { areaCodes: ['320102'] })).body.areaCodes).toEqual(['320102']);
  });

  it('refuses bad bodies naming the field, unknown units, and callers other than the tenant-admin', async () => {
    for (const [body, field] of [
      [{ code: 'NEW-CODE' }, '(body)'],
      [{ name: ' ' }, 'name'],
      [{ areaCodes: [] }, 'areaCodes'],
      [{ areaCodes: ['32010'] }, 'areaCodes.0'],
      [{ parentId: 'not-a-uuid' }, 'parentId'],
      [{ level: 'street' }, '(body)'],
    ] as Array<[unknown, string]>) {
      const res = await patch('HOUSING', body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual([field]);
    }
    expect((await as(['tenant-admin'])('PATCH', '/v1/units/not-a-uuid', { name: 'x' })).status).toBe(400);
    expect((await as(['tenant-admin'])('PATCH', '/v1/units/0190a0a0-0000-7000-8000-000000000999', { name: 'x' })).status).toBe(404);
    expect((await patch('city-v:ELSEWHERE', { name: '跨租户' })).status).toBe(404);
    for (const roles of [['dispatcher'], ['supervisor'], ['unit-leader']] as Role[][]) expect((await patch('HOUSING', { name: 'x' }, roles)).status).toBe(403);
  });
});
