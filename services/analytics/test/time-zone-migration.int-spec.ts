// ADR 0038, at the upgrade: until now analytics counted every tenant's days in Asia/Shanghai.
// Migration 1764300006510 gives each tenant of the directory its zone and counts again the
// stored days of those outside Asia/Shanghai — facts and rate rollups — leaving the others
// alone. Real PostgreSQL.
import { migrate } from '@hotline/platform';
import { createTestDatabase, migrationsUpTo, queryAsTenant, TestDatabase } from '@hotline/testing';
import { rebuildAllTenantsSql } from '../src/rollups/rollups.repository';
import { migrations } from '../src/persistence/schema';

const BEFORE = migrationsUpTo(migrations, 1764300006499);
// 23:30 on 2 March in Urumqi, 01:30 on 3 March in Shanghai: stored (by the previous release) on the 3rd.
const LATE = '2026-03-02T17:30:00Z';

const facts = (requestId: string): Array<[string, unknown[]]> => [
  [
    `insert into request_facts (tenant_id, request_id, received_at, day, request_type, category_code)
     values (current_setting('app.tenant_id'), $1, $2, '2026-03-03', 'complaint', 'C01')`,
    [requestId, LATE],
  ],
  [
    `insert into work_order_facts (tenant_id, work_order_id, request_id, unit_id, unit_name, role, category_code, day, created_at, sign_due_at, handle_due_at)
     values (current_setting('app.tenant_id'), $1, $2, 'u1', '市水务局', 'primary', 'C01', '2026-03-03', $3, '2999-01-01T00:00:00Z', '2999-01-02T00:00:00Z')`,
    [`${requestId}-w`, requestId, LATE],
  ],
  [
    `insert into dispatch_attempt_facts (tenant_id, request_id, attempt, unit_id, mode, designated, dispatched_at, day)
     values (current_setting('app.tenant_id'), $1, 1, 'u1', 'catalog', false, $2, '2026-03-03')`,
    [requestId, LATE],
  ],
];

describe('the migration to tenant time zones (real PostgreSQL)', () => {
  let db: TestDatabase;
  const read = (tenantId: string, sql: string) => queryAsTenant(db.url, tenantId, sql);

  beforeAll(async () => {
    db = await createTestDatabase('analytics_time_zones');
    await migrate({ url: db.url, entities: [], migrations: BEFORE });
    for (const [code, zone] of [['city-east', 'Asia/Shanghai'], ['city-west', 'Asia/Urumqi']])
      await queryAsTenant(db.url, code, `insert into tenant_directory (code, name, kind, status, time_zone, changed_by) values ($1, $1, 'city', 'active', $2, 'test')`, [
        code,
        zone,
      ]);
    for (const [tenant, request] of [['city-east', 'e1'], ['city-west', 'w1']]) {
      for (const [sql, params] of facts(request)) await queryAsTenant(db.url, tenant, sql, params);
      // The rollups as the previous release kept them: on the stored days.
      for (const sql of rebuildAllTenantsSql()) await queryAsTenant(db.url, tenant, sql);
    }
    await migrate({ url: db.url, entities: [], migrations });
  });
  afterAll(() => db?.drop());

  it('records each tenant of the directory with its zone', async () => {
    expect(await read('city-east', `select tenant_id, time_zone from tenant_settings`)).toEqual([{ tenant_id: 'city-east', time_zone: 'Asia/Shanghai' }]);
    expect(await read('city-west', `select tenant_id, time_zone from tenant_settings`)).toEqual([{ tenant_id: 'city-west', time_zone: 'Asia/Urumqi' }]);
  });

  it("counts again the days of a tenant outside Asia/Shanghai, its rollups with them, and leaves the others' alone", async () => {
    const days = (tenant: string) =>
      read(
        tenant,
        `select (select day::text from request_facts) as request, (select day::text from work_order_facts) as "order",
           (select day::text from dispatch_attempt_facts) as dispatch,
           (select array_agg(distinct day::text) from rate_rollups where day is not null) as rollups`,
      );
    expect(await days('city-west')).toEqual([{ request: '2026-03-02', order: '2026-03-02', dispatch: '2026-03-02', rollups: ['2026-03-02'] }]);
    expect(await days('city-east')).toEqual([{ request: '2026-03-03', order: '2026-03-03', dispatch: '2026-03-03', rollups: ['2026-03-03'] }]);
  });
});
