import { Client } from 'pg';
import { migrate } from '@hotline/platform';
import { createTestDatabase, migrationsUpTo, queryAsTenant, RELEASE_0_1_0, TestDatabase } from '@hotline/testing';
import { entities, migrations } from '../src/persistence/schema';

describe('revisit migration: sampling policies keyed by request-type codes', () => {
  let db: TestDatabase;
  let client: Client;

  const inTenant = <T>(tenantId: string, sql: string, params: unknown[] = []) => queryAsTenant<T>(client, tenantId, sql, params);

  beforeAll(async () => {
    db = await createTestDatabase('revisit');
    await migrate({ url: db.url, entities, migrations: migrationsUpTo(migrations, RELEASE_0_1_0) });
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('converts every tenant’s stored labels to codes and then refuses labels', async () => {
    const labels = ['咨询', '求助', '投诉', '举报', '建议', '表扬', '其他'];
    for (const [i, label] of labels.entries())
      await inTenant('city-a', `insert into sampling_policies (tenant_id, request_type, sample_percent, window_hours) values ('city-a', $1, $2, 24)`, [label, i]);
    await inTenant('city-a', `insert into sampling_policies (tenant_id, request_type, sample_percent, window_hours) values ('city-a', '*', 30, 72)`);
    await inTenant('city-b', `insert into sampling_policies (tenant_id, request_type, sample_percent, window_hours) values ('city-b', '投诉', 100, 48)`);

    expect(await migrate({ url: db.url, entities, migrations })).toEqual(
      expect.arrayContaining(['SamplingPolicyCodes1764300001400']),
    );

    const a = await inTenant<{ request_type: string; sample_percent: number }>('city-a', `select request_type, sample_percent from sampling_policies order by sample_percent`);
    expect(a.map((r) => [r.request_type, r.sample_percent])).toEqual([
      ['consultation', 0], ['help', 1], ['complaint', 2], ['report', 3], ['suggestion', 4], ['praise', 5], ['other', 6], ['*', 30],
    ]);
    expect(await inTenant('city-b', `select request_type, sample_percent from sampling_policies`)).toEqual([{ request_type: 'complaint', sample_percent: 100 }]);

    // Row-level security is forced again, and the new check accepts codes only.
    const [table] = (await client.query(`select relforcerowsecurity from pg_class where relname = 'sampling_policies'`)).rows;
    expect(table.relforcerowsecurity).toBe(true);
    expect((await client.query(`select count(*)::int as n from sampling_policies`)).rows[0].n).toBe(0);
    await expect(
      inTenant('city-b', `insert into sampling_policies (tenant_id, request_type, sample_percent, window_hours) values ('city-b', '咨询', 1, 1)`),
    ).rejects.toThrow(/sampling_policies_request_type_check/);
    await inTenant('city-b', `insert into sampling_policies (tenant_id, request_type, sample_percent, window_hours) values ('city-b', 'help', 1, 1)`);
  });
});
