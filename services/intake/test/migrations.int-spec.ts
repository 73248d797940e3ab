import { Client } from 'pg';
import { migrate } from '@hotline/platform';
import { createTestDatabase, queryAsTenant, TestDatabase } from '@hotline/testing';
import { Requests1764300000200 } from '../src/persistence/1764300000200-requests.migration';
import { entities, migrations } from '../src/persistence/schema';

/** The migrations up to and including this release's predecessor (the platform's, channels, requests). */
const BEFORE = migrations.slice(0, migrations.indexOf(Requests1764300000200) + 1);
const REQUEST_A = '0191f0a0-0000-7000-8000-00000000000a';
const UNCATEGORISED_A = '0191f0a0-0000-7000-8000-00000000000b';
const REQUEST_B = '0191f0a0-0000-7000-8000-00000000000c';

describe('intake data migrations (real PostgreSQL)', () => {
  let db: TestDatabase;
  let client: Client;

  const asTenant = <T = Record<string, unknown>>(tenant: string, sql: string, params: unknown[] = []) =>
    queryAsTenant<T>(client, tenant, sql, params);

  async function seedPreviousRelease(tenant: string, request: string, category: string | null, status: string) {
    await asTenant(
      tenant,
      `insert into categories (tenant_id, code, name, parent_code, level)
       values ($1, '01', '城乡建设', null, 1), ($1, '0101', '住房保障', '01', 2), ($1, '010101', '物业管理', '0101', 3)
       on conflict do nothing`,
      [tenant],
    );
    await asTenant(
      tenant,
      `insert into requests (id, tenant_id, number, access_code_hash, channel, request_type, urgency, category_code, area_code,
         title, content, scope_decision, status, received_at, requester_name_enc, requester_phone_enc, created_by)
       values ($1, $2, $3, 'h', 'phone', 'complaint', 'normal', $4, '320102', 't', 'c', 'in-scope', $5,
         '2025-01-24T02:00:00Z', '\\x01', '\\x01', 'agent')`,
      [request, tenant, `${tenant}-${request.slice(-1)}`, category, status],
    );
    await asTenant(
      tenant,
      `insert into request_timeline (tenant_id, request_id, seq, at, status, event_type)
       values ($1, $2, 1, '2025-01-24T02:00:00Z', 'registered', 'intake.registered'),
              ($1, $2, 2, '2025-01-24T03:00:00Z', case when $3 = 'registered' then null else $3 end, 'hotline.dispatch.v1.RequestDispatched')`,
      [tenant, request, status],
    );
  }

  beforeAll(async () => {
    db = await createTestDatabase('intake');
    await migrate({ url: db.url, entities, migrations: BEFORE });
    client = new Client({ connectionString: db.url });
    await client.connect();
    await seedPreviousRelease('city-a', REQUEST_A, '010101', 'dispatched');
    await seedPreviousRelease('city-a', UNCATEGORISED_A, null, 'registered');
    await seedPreviousRelease('city-b', REQUEST_B, '0101', 'dispatched');
    await migrate({ url: db.url, entities, migrations });
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it("makes every tenant's taxonomy its version 1, and classifies its requests under it", async () => {
    for (const tenant of ['city-a', 'city-b']) {
      expect(await asTenant(tenant, `select version, published_by, category_count from taxonomy_versions`)).toEqual([
        { version: 1, published_by: 'system:intake', category_count: 3 },
      ]);
      expect(await asTenant(tenant, `select distinct version from categories`)).toEqual([{ version: 1 }]);
    }
    expect(await asTenant('city-a', `select id, taxonomy_version from requests order by id`)).toEqual([
      { id: REQUEST_A, taxonomy_version: 1 },
      { id: UNCATEGORISED_A, taxonomy_version: null },
    ]);
    expect(await asTenant('city-b', `select taxonomy_version from requests`)).toEqual([{ taxonomy_version: 1 }]);
  });

  it('dates each current status from the step that set it, and starts the announced changes at zero', async () => {
    const rows = await asTenant<{ id: string; status_changed_at: Date; status_version: number; anonymous: boolean }>(
      'city-a',
      `select id, status_changed_at, status_version, anonymous from requests order by id`,
    );
    expect(rows.map((r) => [r.id, r.status_changed_at.toISOString(), r.status_version, r.anonymous])).toEqual([
      [REQUEST_A, '2025-01-24T03:00:00.000Z', 0, false],
      [UNCATEGORISED_A, '2025-01-24T02:00:00.000Z', 0, false],
    ]);
  });

  it('forces row-level security again on every table it migrated across tenants', async () => {
    const { rows } = await client.query(
      `select relname, relforcerowsecurity from pg_class
       where relname in ('requests', 'request_timeline', 'categories', 'taxonomy_versions') order by relname`,
    );
    expect(rows).toEqual([
      { relname: 'categories', relforcerowsecurity: true },
      { relname: 'request_timeline', relforcerowsecurity: true },
      { relname: 'requests', relforcerowsecurity: true },
      { relname: 'taxonomy_versions', relforcerowsecurity: true },
    ]);
    expect((await client.query(`select count(*)::int as n from requests`)).rows[0].n).toBe(0);
  });
});
