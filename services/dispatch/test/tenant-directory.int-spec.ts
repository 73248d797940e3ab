import { Events, intakeEventsV1 } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest, unknownTenantToken } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { dispatchService } from '../src/dispatch.service';

// Every service keeps its own tenant directory from intake's TenantChanged; dispatch stands for all.
describe("a service's tenant directory follows intake's TenantChanged (real PostgreSQL and NATS)", () => {
  let sut: ServiceUnderTest;
  const tenantChanged = (status: string, changedAt: string): intakeEventsV1.TenantChanged => ({
    tenant: { code: 'city-3205', name: '苏州 12345 热线', kind: 'city', regionCode: '320500', timeZone: 'Asia/Shanghai', status, createdAt: '2026-12-01T00:00:00Z' },
    changedAt,
    changedBy: 'province-32:operator',
  });
  const statusOfCall = async () => (await sut.request('GET', '/v1/dead-letters?limit=1', await unknownTenantToken('city-3205', ['tenant-admin']))).status;

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
  });

  afterAll(() => sut?.close());

  it('accepts a tenant once registered, refuses it once suspended, and ignores a replayed older change', async () => {
    expect(await statusOfCall()).toBe(401);
    await publishEvent(sut, Events.intake.tenantChanged, 'city-3205', tenantChanged('active', '2026-12-01T01:00:00Z'));
    await eventually('registered tenant accepted', async () => (await statusOfCall()) === 200);

    await publishEvent(sut, Events.intake.tenantChanged, 'city-3205', tenantChanged('suspended', '2026-12-01T02:00:00Z'));
    await eventually('suspended tenant refused', async () => (await statusOfCall()) === 401);

    // A replay of the registration (older than the suspension) leaves the tenant suspended.
    const replayed = await publishEvent(sut, Events.intake.tenantChanged, 'city-3205', tenantChanged('active', '2026-12-01T01:00:00Z'));
    await eventually('replay applied', async () => {
      const rows = await sut.service.context.db.run('city-3205', (m) => m.query(`select 1 from inbox where message_id = $1`, [replayed]));
      return rows.length === 1;
    });
    const [row] = await sut.service.context.dataSource.query(`select status, changed_by from tenant_directory where code = 'city-3205'`);
    expect(row).toEqual({ status: 'suspended', changed_by: 'province-32:operator' });
    expect(await statusOfCall()).toBe(401);
  });
});
