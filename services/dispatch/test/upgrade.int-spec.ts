import { Client } from 'pg';
import { EventDefinition, Events, eventSubject } from '@hotline/contracts';
import { migrate, uuidv7 } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest, unknownTenantToken } from '@hotline/service-testing';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  eventually,
  migrationsUpTo,
  queryAsTenant,
  RELEASE_0_1_0,
  SHARED_NATS_URL,
  TestDatabase,
  uniqueNamespace,
} from '@hotline/testing';
import { dispatchService } from '../src/dispatch.service';
import { migrations } from '../src/persistence/schema';
import { eventFor, requestBrief } from './dispatch-test-helpers';
import { CLEAR, CLEAR_VALUES, everythingStored, MASKED } from '@hotline/testing';

/** The schema as the previous release left it: up to the catalog-and-dispatches migration. */
const PREVIOUS_RELEASE = migrationsUpTo(migrations, RELEASE_0_1_0);

describe('upgrading a dispatch database of the previous release (real PostgreSQL and NATS)', () => {
  let db: TestDatabase;
  let sut: ServiceUnderTest | undefined;
  const ids = {
    unit: uuidv7(), catalogDispatch: uuidv7(), manualDispatch: uuidv7(), otherTenantDispatch: uuidv7(), queued: uuidv7(), published: uuidv7(),
    waiting: uuidv7(),
  };
  // Its own namespace, so an outbox row written before the upgrade is published where the suite reads.
  const namespace = uniqueNamespace();
  const clearText = { title: `电梯停运，请回电${CLEAR.mobile}`, content: `身份证${CLEAR.id}，退费卡号${CLEAR.card}` };

  /** An outbox row as the previous release wrote it: the brief's text in clear. */
  async function outboxRow<T>(client: Client, event: EventDefinition<T>, payload: T, requestId: string, published: boolean): Promise<void> {
    await client.query(
      `insert into outbox (id, tenant_id, aggregate_type, aggregate_id, event_type, subject, payload, published_at)
       values ($1, 'city-a', 'request', $2, $3, $4, $5, ${published ? 'now()' : 'null'})`,
      [uuidv7(), requestId, event.type, eventSubject(namespace, event, 'city-a'), Buffer.from(event.codec.encode(payload).finish())],
    );
  }

  /** Writes rows as the previous release did, through the tenant's row-level security. */
  async function asTenant(tenantId: string, statements: Array<[string, unknown[]]>): Promise<void> {
    for (const [sql, params] of statements) await queryAsTenant(db.url, tenantId, sql, params);
  }

  const dispatchRow = (requestId: string, mode: string, by: string): [string, unknown[]] => [
    `insert into dispatches (tenant_id, request_id, mode, catalog_version, assignments, dispatched_at, dispatched_by)
     values (current_setting('app.tenant_id'), $1, $2, $3, '[]', now(), $4)`,
    [requestId, mode, mode === 'catalog' ? 1 : 0, by],
  ];

  const service = () => {
    if (!sut) throw new Error('the service did not start');
    return sut;
  };

  beforeAll(async () => {
    db = await createTestDatabase('dispatch');
    await migrate({ url: db.url, entities: [], migrations: PREVIOUS_RELEASE });
    const legacyBrief = requestBrief({ requestId: ids.queued, categoryCode: '990101', ...clearText }) as Partial<ReturnType<typeof requestBrief>>;
    delete legacyBrief.categoryPath;
    delete legacyBrief.anonymous;
    delete legacyBrief.taxonomyVersion;
    await asTenant('city-a', [
      [`insert into handling_units (id, tenant_id, code, name, area_codes) values ($1, 'city-a', 'XUANWU', '玄武区', '{320102}')`, [ids.unit]],
      [`insert into catalog_versions (tenant_id, version, published_by) values ('city-a', 1, 'city-a:admin')`, []],
      [
        `insert into catalog_entries (tenant_id, version, position, category_prefix, area_code, primary_unit_id)
         values ('city-a', 1, 0, '0102', '320102', $1)`,
        [ids.unit],
      ],
      dispatchRow(ids.catalogDispatch, 'catalog', ''),
      dispatchRow(ids.manualDispatch, 'manual', 'city-a:dispatcher-7'),
      [
        `insert into dispatch_queue (tenant_id, request_id, brief, reason, queued_at) values ('city-a', $1, $2, 'no catalog entry', now())`,
        [ids.queued, JSON.stringify(legacyBrief)],
      ],
    ]);
    await asTenant('city-b', [dispatchRow(ids.otherTenantDispatch, 'catalog', '')]);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const dispatched = (requestId: string) => ({
      request: requestBrief({ requestId, ...clearText }), assignments: [], mode: 'catalog', catalogVersion: 1, dispatchedAt: '', dispatchedBy: '',
    });
    await outboxRow(client, Events.dispatch.requestDispatched, dispatched(ids.published), ids.published, true);
    await outboxRow(client, Events.dispatch.requestQueued, { request: requestBrief({ requestId: ids.waiting, ...clearText }), reason: 'r', queuedAt: '' }, ids.waiting, false);
    await client.end();

    await migrate({ url: db.url, entities: dispatchService.entities, migrations: dispatchService.migrations });
    // The harness's own (fresh) database stays unused: the service runs on the upgraded one.
    sut = await startServiceUnderTest(dispatchService, { namespace, env: { DATABASE_URL: db.url } });
  });

  afterAll(async () => {
    await sut?.close();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
    await db?.drop();
  });

  // First, before the harness registers any tenant of its own tokens.
  it("registers the tenants of the stored rows, so their tokens keep working after the upgrade", async () => {
    const directory = await service().service.context.dataSource.query(`select code, kind, status, changed_by from tenant_directory order by code`);
    expect(directory).toEqual([
      { code: 'city-a', kind: 'city', status: 'active', changed_by: 'upgrade:0.2.0' },
      { code: 'city-b', kind: 'city', status: 'active', changed_by: 'upgrade:0.2.0' },
    ]);
    const res = await service().request('GET', '/v1/catalog', await unknownTenantToken('city-a', ['dispatcher']));
    expect(res.status).toBe(200);
  });

  it('keeps the stored catalog under its category codes and dispatches by it, up the area hierarchy', async () => {
    const catalog = await service().as('city-a', ['dispatcher'])('GET', '/v1/catalog');
    expect(catalog).toMatchObject({
      status: 200,
      body: { version: 1, entries: [{ categoryCode: '0102', areaCode: '320102', primaryUnitId: ids.unit, inTaxonomy: null }] },
    });

    const brief = requestBrief({ categoryCode: '010299', areaCode: '320102003004' });
    await publishEvent(service(), Events.intake.requestAccepted, 'city-a', { request: brief });
    const dispatched = await eventually('the legacy catalog places the request', async () => {
      const res = await service().as('city-a', ['dispatcher'])('GET', `/v1/dispatches/${brief.requestId}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(dispatched).toMatchObject({ mode: 'catalog', catalogVersion: 1, dispatchedBy: 'system:dispatch', assignments: [{ unitId: ids.unit }] });
  });

  it('records the system actor on catalog dispatches of every tenant, and leaves manual ones alone', async () => {
    const dispatchedBy = async (tenantId: string, requestId: string) =>
      (await service().as(tenantId, ['supervisor'])('GET', `/v1/dispatches/${requestId}`)).body.dispatchedBy;
    expect(await dispatchedBy('city-a', ids.catalogDispatch)).toBe('system:dispatch');
    expect(await dispatchedBy('city-b', ids.otherTenantDispatch)).toBe('system:dispatch');
    expect(await dispatchedBy('city-a', ids.manualDispatch)).toBe('city-a:dispatcher-7');
  });

  it('still lists queued briefs stored before they had a category path', async () => {
    const queue = await service().as('city-a', ['dispatcher'])('GET', '/v1/dispatch-queue');
    expect(queue.body.items).toEqual([expect.objectContaining({ requestId: ids.queued, categoryCode: '990101', reason: 'no catalog entry' })]);
  });

  it('masks the text of the briefs it kept: the queue, its view, and the outbox, published or still waiting', async () => {
    const queue = await service().as('city-a', ['dispatcher'])('GET', '/v1/dispatch-queue');
    expect(queue.body.items).toEqual([expect.objectContaining({ requestId: ids.queued, title: `电梯停运，请回电${MASKED.mobile}` })]);
    const [row] = await queryAsTenant<{ brief: { content: string } }>(db.url, 'city-a', `select brief from dispatch_queue where request_id = $1`, [ids.queued]);
    expect(row!.brief.content).toBe(`身份证${MASKED.id}，退费卡号${MASKED.card}`);
    const waiting = await eventFor(service(), Events.dispatch.requestQueued, 'city-a', ids.waiting);
    expect(waiting.request).toMatchObject({ title: `电梯停运，请回电${MASKED.mobile}`, content: `身份证${MASKED.id}，退费卡号${MASKED.card}` });
    expect(await everythingStored(db)).not.toMatch(CLEAR_VALUES);
  });

  it('restores row-level security on the backfilled table', async () => {
    const { dataSource } = service().service.context;
    const [table] = await dataSource.query(
      `select relrowsecurity, relforcerowsecurity from pg_class where relname = 'dispatches'`,
    );
    expect(table).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
    expect(await dataSource.query('select * from dispatches')).toEqual([]);
    const [queue] = await dataSource.query(`select relrowsecurity, relforcerowsecurity from pg_class where relname = 'dispatch_queue'`);
    expect(queue).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
    expect(await dataSource.query('select * from dispatch_queue')).toEqual([]);
  });
});
