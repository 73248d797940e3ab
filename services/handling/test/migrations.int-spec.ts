import { Client } from 'pg';
import { migrate } from '@hotline/platform';
import { createTestDatabase, migrationsUpTo, RELEASE_0_1_0, TestDatabase } from '@hotline/testing';
import { entities, migrations } from '../src/persistence/schema';

/** Rows written by the release before the default-counting, holiday-year and work-order-clock migrations. */
describe('handling migrations of stored rows (real PostgreSQL)', () => {
  let db: TestDatabase;
  let client: Client;
  const asTenant = async (tenantId: string, sql: string, params: unknown[] = []) => {
    await client.query('begin');
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await client.query(sql, params);
    await client.query('commit');
    return result.rows;
  };
  const order = (tenantId: string, id: string, status: string, createdAt: string, handleDueAt: string, reworkCount = 0) =>
    asTenant(
      tenantId,
      `insert into work_orders (id, tenant_id, request_id, unit_id, unit_code, unit_name, role, status, brief, created_at,
                                sign_due_at, handle_due_at, rework_count)
       values ($1::uuid, $2, $1::text, 'u', 'u', 'u', 'primary', $3, '{}', $4, $4, $5, $6)`,
      [id, tenantId, status, createdAt, handleDueAt, reworkCount],
    );

  beforeAll(async () => {
    db = await createTestDatabase('handling_mig');
    await migrate({ url: db.url, entities, migrations: migrationsUpTo(migrations, RELEASE_0_1_0) });
    client = new Client({ connectionString: db.url });
    await client.connect();
    const limits = `insert into time_limits (tenant_id, request_type, urgency, sign_unit, sign_amount, sign_counting, handle_unit, handle_amount, handle_counting)
                    values ($1, 'help', 'normal', 'working-days', 1, $2, 'working-days', 10, $3)`;
    await asTenant('city-a', limits, ['city-a', 'from-receipt', 'from-next-day']);
    await asTenant('city-b', limits, ['city-b', 'from-receipt', 'from-receipt']);
    await asTenant('city-u', `insert into tenant_calendars (tenant_id, time_zone) values ('city-u', 'Asia/Urumqi')`);
    await order('city-a', '00000000-0000-7000-8000-000000000001', 'in-progress', '2026-12-20T02:00:00Z', '2027-01-12T16:00:00Z');
    await order('city-a', '00000000-0000-7000-8000-000000000002', 'awaiting-sign', '2026-12-01T02:00:00Z', '2026-12-22T16:00:00Z');
    await order('city-a', '00000000-0000-7000-8000-000000000003', 'in-progress', '2026-12-20T02:00:00Z', '2027-01-12T16:00:00Z', 1);
    await order('city-a', '00000000-0000-7000-8000-000000000004', 'reviewed', '2026-12-20T02:00:00Z', '2027-01-12T16:00:00Z');
    // 2026-12-31T17:00Z is 2027-01-01 01:00 in Shanghai but 23:00 on 12-31 in Urumqi (UTC+6).
    await order('city-u', '00000000-0000-7000-8000-000000000005', 'awaiting-sign', '2026-12-30T02:00:00Z', '2026-12-31T17:00:00Z');
    await order('city-b', '00000000-0000-7000-8000-000000000006', 'awaiting-sign', '2026-12-30T02:00:00Z', '2026-12-31T17:00:00Z');
    await migrate({ url: db.url, entities, migrations });
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it("turns the old code's explicit 'from-receipt' into no counting (the default); other countings stay", async () => {
    expect(await asTenant('city-a', `select sign_counting, handle_counting from time_limits`)).toEqual([
      { sign_counting: null, handle_counting: 'from-next-day' },
    ]);
    expect(await asTenant('city-b', `select sign_counting, handle_counting from time_limits`)).toEqual([
      { sign_counting: null, handle_counting: null },
    ]);
  });

  it('marks open orders whose handling due reaches past 2026 provisional, in the tenant time zone, with their coverage gaps', async () => {
    const marks = async (tenantId: string) =>
      asTenant(tenantId, `select right(id::text, 1) as id, due_provisional, provisional_years from work_orders order by id`);
    expect(await marks('city-a')).toEqual([
      { id: '1', due_provisional: true, provisional_years: [2027] },
      { id: '2', due_provisional: false, provisional_years: [] },
      { id: '3', due_provisional: false, provisional_years: [] }, // reworked: its due is the old rework rule's
      { id: '4', due_provisional: false, provisional_years: [] }, // reviewed: nothing runs
    ]);
    expect(await marks('city-u')).toEqual([{ id: '5', due_provisional: false, provisional_years: [] }]);
    expect(await marks('city-b')).toEqual([{ id: '6', due_provisional: true, provisional_years: [2027] }]);
    expect((await client.query(`select tenant_id, year from calendar_coverage_gaps order by tenant_id`)).rows).toEqual([
      { tenant_id: 'city-a', year: 2027 },
      { tenant_id: 'city-b', year: 2027 },
    ]);
  });

  it('accepts cancelled orders, and forces row-level security again', async () => {
    await asTenant('city-a', `update work_orders set status = 'cancelled', cancel_reason = 'request-closed' where id = '00000000-0000-7000-8000-000000000002'`);
    await expect(asTenant('city-a', `update work_orders set status = 'closed'`)).rejects.toThrow(/work_orders_status_check/);
    await client.query('rollback');
    expect((await client.query(`select id from work_orders`)).rows).toEqual([]);
    expect((await client.query(`select relname from pg_class where relname in ('work_orders', 'time_limits', 'tenant_calendars', 'tenant_holiday_years')
                                  and relforcerowsecurity order by relname`)).rows.map((r) => r.relname))
      .toEqual(['tenant_calendars', 'tenant_holiday_years', 'time_limits', 'work_orders']);
  });
});
