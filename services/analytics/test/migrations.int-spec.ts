import { DataSource } from 'typeorm';
import { Events } from '@hotline/contracts';
import { createDataSource, migrate, ReceivedEvent, ServiceContext, TenantDb } from '@hotline/platform';
import { createTestDatabase, migrationsUpTo, queryAsTenant, RELEASE_0_1_0, TestDatabase } from '@hotline/testing';
import { onRequestStatusChanged } from '../src/lifecycle/on-request-status-changed.handler';
import { rateRows } from '../src/metrics/rates.query';
import { statusFigures } from '../src/metrics/statuses.query';
import { migrations } from '../src/persistence/schema';

// The read model as the previous release stored it: stages derived by analytics (with its own
// closed-at-intake), work orders whose answer a failed review sent back, revisits carrying their
// request's category and day.
const PREVIOUS_RELEASE = migrationsUpTo(migrations, RELEASE_0_1_0);

/** Writes rows as the previous release did, through the tenant's row-level security. */
async function asTenant(url: string, tenantId: string, statements: Array<[string, unknown[]]>): Promise<void> {
  for (const [sql, params] of statements) await queryAsTenant(url, tenantId, sql, params);
}

const request = (id: string, stage: string, category = 'C01') => [
  `insert into request_facts (tenant_id, request_id, received_at, day, request_type, category_code, stage, stage_at)
   values (current_setting('app.tenant_id'), $1, '2025-03-03T02:00:00Z', '2025-03-03', 'complaint', $2, $3, '2025-03-03T03:00:00Z')`,
  [id, category, stage],
] as [string, unknown[]];

const workOrder = (id: string, reviewPassed: boolean) => [
  `insert into work_order_facts (tenant_id, work_order_id, request_id, unit_id, unit_name, role, category_code, day, created_at,
     sign_due_at, signed_at, signed_on_time, handle_due_at, answered_at, answered_on_time, handling_working_hours, review_passed, reviewed_at)
   values (current_setting('app.tenant_id'), $1, 'q3', 'u1', '市水务局', 'primary', 'C01', '2025-03-03', '2025-03-03T04:00:00Z',
     '2025-03-03T05:00:00Z', '2025-03-03T04:30:00Z', true, '2999-01-01T00:00:00Z', '2025-03-04T00:00:00Z', true, 6, $2, '2025-03-04T01:00:00Z')`,
  [id, reviewPassed],
] as [string, unknown[]];

describe('analytics migrations of stored read-model rows (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tenants: TenantDb;

  beforeAll(async () => {
    db = await createTestDatabase('analytics_migrations');
    await migrate({ url: db.url, entities: [], migrations: PREVIOUS_RELEASE });
    await asTenant(db.url, 'city-a', [
      request('q1', 'closed-at-intake', 'C02'),
      request('q2', 'not-accepted', 'C03'),
      request('q3', 'answered'),
      workOrder('o1', false),
      workOrder('o2', true),
      [
        `insert into revisit_facts (tenant_id, request_id, revisit_id, unit_id, resolved, satisfaction, recorded_at, category_code, day)
         values (current_setting('app.tenant_id'), 'q3', 'rv1', 'u1', true, 'satisfied', '2025-03-05T00:00:00Z', 'C01', '2025-03-03')`,
        [],
      ],
    ]);
    await asTenant(db.url, 'city-b', [request('q4', 'closed-at-intake')]);
    await migrate({ url: db.url, entities: [], migrations });
    dataSource = createDataSource({ url: db.url, entities: [], migrations });
    await dataSource.initialize();
    tenants = new TenantDb(dataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  it('turns closed-at-intake into closed and keeps the direct answer, in every tenant', async () => {
    const a = await statusFigures(tenants, 'city-a', {});
    expect(a.items.filter((i) => i.count > 0)).toEqual([
      { status: 'answered', count: 1 },
      { status: 'closed', count: 1 },
      { status: 'not-accepted', count: 1 },
    ]);
    expect(a.directAnswers).toBe(1);
    expect(await statusFigures(tenants, 'city-b', {})).toMatchObject({ directAnswers: 1, items: expect.arrayContaining([{ status: 'closed', count: 1 }]) });
  });

  it('lets intake\'s next status change replace a stored stage', async () => {
    const event = {
      id: 'e1', tenantId: 'city-a', type: Events.intake.requestStatusChanged.type, subject: 's', definition: Events.intake.requestStatusChanged,
      payload: { requestId: 'q3', fromStatus: 'answered', toStatus: 'reviewed', reason: 'review-passed', at: '2025-03-05T00:00:00Z', actor: 'system:intake', sequence: '6' },
      publishedAt: new Date(), deliveryCount: 1,
    } satisfies ReceivedEvent;
    await tenants.run('city-a', (m) => onRequestStatusChanged.handle(event, m, {} as ServiceContext));
    const figures = await statusFigures(tenants, 'city-a', {});
    expect(figures.items.find((i) => i.status === 'reviewed')?.count).toBe(1);
    expect(figures.items.find((i) => i.status === 'answered')?.count).toBe(0);
  });

  it('no longer counts an answer a failed review sent back, and reads revisits\' categories from their requests', async () => {
    const [unit] = await rateRows(tenants, 'city-a', { groupBy: 'unit', limit: 50, offset: 0 });
    expect(unit).toMatchObject({ key: 'u1', workOrders: 2, answered: 1, answeredOnTime: 1, unansweredPastDue: 0, revisits: 1, resolutionRate: 1 });
    const byCategory = await rateRows(tenants, 'city-a', { groupBy: 'category', limit: 50, offset: 0 });
    expect(byCategory).toEqual([expect.objectContaining({ key: 'C01', workOrders: 2, revisits: 1, satisfactionRate: 1 })]);
  });

  it('can be rolled back to the previous release\'s shape', async () => {
    for (let i = 0; i < migrations.length - PREVIOUS_RELEASE.length; i++) await dataSource.undoLastMigration({ transaction: 'all' });
    const rows = await tenants.run('city-a', (m) => m.query(`select request_id, stage from request_facts order by request_id`));
    expect(rows).toEqual([
      { request_id: 'q1', stage: 'closed-at-intake' },
      { request_id: 'q2', stage: 'not-accepted' },
      { request_id: 'q3', stage: 'reviewed' },
    ]);
    const [revisit] = await tenants.run('city-a', (m) => m.query(`select category_code, day::text as day from revisit_facts`));
    expect(revisit).toEqual({ category_code: 'C01', day: '2025-03-03' });
  });
});
