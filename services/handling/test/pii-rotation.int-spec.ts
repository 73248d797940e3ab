import { migrate, runOperatorCommand } from '@hotline/platform';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { createTestDatabase, queryAsTenant, serviceEnv, SHARED_NATS_URL, TestDatabase } from '@hotline/testing';
import { handlingService } from '../src/handling.service';
import { ANSWER_WITH_PERSONAL_DATA } from './personal-data-fixtures';
import { assignment, brief, dispatchAndWait, dispatched } from './work-order-fixtures';

// Key 1 is the one serviceEnv gives every service under test.
const KEY_1 = Buffer.alloc(32, 7).toString('base64');
const KEY_2 = Buffer.alloc(32, 9).toString('base64');
const ROTATED = { PII_MASTER_KEY: KEY_2, PII_KEY_VERSION: '2', PII_RETIRED_KEYS: `1:${KEY_1}` };
const TENANTS = ['city-r', 'city-s'];

describe('rotating the key of the encrypted free text (real PostgreSQL and NATS)', () => {
  let db: TestDatabase;
  let sut: ServiceUnderTest | undefined;
  const orders: Array<{ tenantId: string; id: string }> = [];
  const commandEnv = (keys: Record<string, string>) => ({
    ...serviceEnv({ databaseUrl: db.url, natsUrl: SHARED_NATS_URL, namespace: sut!.namespace }),
    ...keys,
  });
  // The harness's own fresh database stays unused: every service here runs on `db`.
  const start = (keys: Record<string, string> = {}) => startServiceUnderTest(handlingService, { env: { DATABASE_URL: db.url, ...keys } });
  const keyVersions = async (tenantId: string) =>
    queryAsTenant(db.url, tenantId, `select get_byte(answer_enc, 0) as a, get_byte(basis_enc, 0) as b, get_byte(contact_record_enc, 0) as c
                                      from work_orders where answer_enc is not null order by id`);
  const readsInClear = async (service: ServiceUnderTest, tenantId: string, id: string) =>
    (await service.as(tenantId, ['supervisor'])('GET', `/v1/work-orders/${id}/clear?purpose=supervision`)).body;

  async function answerOne(service: ServiceUnderTest, tenantId: string) {
    const [order] = await dispatchAndWait(service, tenantId, dispatched(brief(), [assignment('u-rot')]), 1);
    const unit = await service.token(tenantId, ['unit-operator'], 'u-rot');
    await service.request('POST', `/v1/work-orders/${order.id}/sign`, unit);
    expect((await service.request('POST', `/v1/work-orders/${order.id}/answer`, unit, ANSWER_WITH_PERSONAL_DATA)).status).toBe(200);
    orders.push({ tenantId, id: order.id });
  }

  beforeAll(async () => {
    db = await createTestDatabase('handling_rot');
    await migrate({ url: db.url, entities: handlingService.entities, migrations: handlingService.migrations });
    sut = await start();
    for (const tenantId of TENANTS) await answerOne(sut, tenantId);
    await sut.close();
    sut = undefined;
  });
  afterAll(async () => {
    await sut?.close();
    await db?.drop();
  });

  it('restarts with key 2 and key 1 retired, reads what key 1 wrote, rotates while serving, and then needs key 2 only', async () => {
    sut = await start(ROTATED);
    for (const tenantId of TENANTS) expect(await keyVersions(tenantId)).toEqual([{ a: 1, b: 1, c: 1 }]);
    for (const { tenantId, id } of orders) expect(await readsInClear(sut, tenantId, id)).toMatchObject(ANSWER_WITH_PERSONAL_DATA);
    // A new answer is written under key 2 at once.
    await answerOne(sut, 'city-r');
    expect(await keyVersions('city-r')).toEqual(expect.arrayContaining([{ a: 1, b: 1, c: 1 }, { a: 2, b: 2, c: 2 }]));

    const status = await runOperatorCommand(handlingService, 'pii', ['status'], commandEnv(ROTATED));
    expect(status).toEqual({
      exitCode: 0,
      output: 'current key version 2\nwork_orders.answer_enc\tv1: 2, v2: 1\nwork_orders.basis_enc\tv1: 2, v2: 1\nwork_orders.contact_record_enc\tv1: 2, v2: 1\n' +
        // Drafts for a leader's sign-off are sealed the same way; none here.
        'answer_drafts.answer_enc\tempty\nanswer_drafts.basis_enc\tempty\nanswer_drafts.contact_record_enc\tempty\n',
    });
    const rotate = await runOperatorCommand(handlingService, 'pii', ['rotate'], commandEnv(ROTATED));
    expect(rotate).toEqual({
      exitCode: 0,
      output:
        'current key version 2\nwork_orders.answer_enc\tv2: 3\tre-encrypted 2\nwork_orders.basis_enc\tv2: 3\tre-encrypted 2\n' +
        'work_orders.contact_record_enc\tv2: 3\tre-encrypted 2\n' +
        'answer_drafts.answer_enc\tempty\tre-encrypted 0\nanswer_drafts.basis_enc\tempty\tre-encrypted 0\nanswer_drafts.contact_record_enc\tempty\tre-encrypted 0\n',
    });
    for (const tenantId of TENANTS) expect((await keyVersions(tenantId)).every((r) => r.a === 2 && r.b === 2 && r.c === 2)).toBe(true);
    for (const { tenantId, id } of orders) expect(await readsInClear(sut, tenantId, id)).toMatchObject(ANSWER_WITH_PERSONAL_DATA);
    await sut.close();

    // Key 1 dropped: everything still reads.
    sut = await start({ PII_MASTER_KEY: KEY_2, PII_KEY_VERSION: '2' });
    for (const { tenantId, id } of orders) expect(await readsInClear(sut, tenantId, id)).toMatchObject(ANSWER_WITH_PERSONAL_DATA);
    expect((await runOperatorCommand(handlingService, 'pii', ['status'], commandEnv({ PII_MASTER_KEY: KEY_2, PII_KEY_VERSION: '2' }))).output)
      .toBe('current key version 2\nwork_orders.answer_enc\tv2: 3\nwork_orders.basis_enc\tv2: 3\nwork_orders.contact_record_enc\tv2: 3\n' + 'answer_drafts.answer_enc\tempty\nanswer_drafts.basis_enc\tempty\nanswer_drafts.contact_record_enc\tempty\n');
  });

  it('refuses to start without PII_MASTER_KEY, and says so', async () => {
    await expect(start({ PII_MASTER_KEY: '' })).rejects.toThrow(/PII_MASTER_KEY/);
  });
});
