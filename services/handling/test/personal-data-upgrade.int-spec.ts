import { Client } from 'pg';
import { EventDefinition, Events } from '@hotline/contracts';
import { migrate, uuidv7 } from '@hotline/platform';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { createTestDatabase, migrationsUpTo, queryAsTenant, RELEASE_0_1_0, TestDatabase } from '@hotline/testing';
import { handlingService } from '../src/handling.service';
import { ANSWER_WITH_PERSONAL_DATA, CARD, clearValuesInDatabase, MASKED_ANSWER, PHONE } from './personal-data-fixtures';
import { brief } from './work-order-fixtures';

/** The schema as the previous release left it. */
const PREVIOUS_RELEASE = migrationsUpTo(handlingService.migrations, RELEASE_0_1_0);
const KEY = Buffer.alloc(32, 7).toString('base64');
const CLEAR_BRIEF = { title: `业主${PHONE}反映漏水`, content: `押金退到${CARD}` };
const MASKED_BRIEF = { title: '业主138****5678反映漏水', content: '押金退到6222********0128' };

describe('upgrading a handling database whose free text is in clear (real PostgreSQL and NATS)', () => {
  let db: TestDatabase;
  let sut: ServiceUnderTest | undefined;
  const ids = { answered: uuidv7(), plain: uuidv7(), open: uuidv7(), otherTenant: uuidv7() };

  const service = () => {
    if (!sut) throw new Error('the service did not start');
    return sut;
  };

  /** A work order as 0.1.0 wrote it: answer, basis and contact record as typed. */
  const storedOrder = (tenantId: string, id: string, answer: typeof ANSWER_WITH_PERSONAL_DATA | null) =>
    queryAsTenant(
      db.url,
      tenantId,
      `insert into work_orders (id, tenant_id, request_id, unit_id, unit_code, unit_name, role, status, brief, created_at,
                                sign_due_at, handle_due_at, answered_at, answer, basis, contact_record)
       values ($1, $2, $9, 'id-u', 'u', '单位', 'primary', $3, $4, now(), now(), now() + interval '10 days', $5, $6, $7, $8)`,
      [id, tenantId, answer ? 'answered' : 'awaiting-sign', JSON.stringify(brief({ requestId: id, ...CLEAR_BRIEF })),
        answer ? new Date() : null, answer?.answer ?? null, answer?.basis ?? null, answer?.contactRecord ?? null, id],
    );

  /** An event as 0.1.0's outbox kept it (published). */
  async function storedEvent<T>(tenantId: string, event: EventDefinition<T>, aggregateId: string, payload: T): Promise<void> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `insert into outbox (id, tenant_id, aggregate_type, aggregate_id, event_type, subject, payload, published_at)
       values ($1, $2, 'work-order', $3, $4, 'hl.handling.v1.x', $5, now())`,
      [uuidv7(), tenantId, aggregateId, event.type, Buffer.from(event.codec.encode(payload).finish())],
    );
    await client.end();
  }

  const decodedOutbox = async <T>(event: EventDefinition<T>): Promise<T[]> =>
    (await service().service.context.dataSource.query(`select payload from outbox where event_type = $1 order by seq`, [event.type]))
      .map((r: { payload: Buffer }) => event.codec.decode(new Uint8Array(r.payload)));

  beforeAll(async () => {
    db = await createTestDatabase('handling_pii_up');
    await migrate({ url: db.url, entities: [], migrations: PREVIOUS_RELEASE });
    await storedOrder('city-a', ids.answered, ANSWER_WITH_PERSONAL_DATA);
    await storedOrder('city-a', ids.plain, { answer: '已处理', basis: '《条例》第五条', contactRecord: '电话联系' });
    await storedOrder('city-a', ids.open, null);
    await storedOrder('city-b', ids.otherTenant, ANSWER_WITH_PERSONAL_DATA);
    const answered = { workOrderId: ids.answered, requestId: ids.answered, unitId: 'id-u', role: 'primary', ...ANSWER_WITH_PERSONAL_DATA,
      answeredAt: '', onTime: true, reworkCount: 0, handlingWorkingHours: 1, answeredBy: '', handleDueAt: '', reworkDueAt: '', reworkOnTime: false };
    await storedEvent('city-a', Events.handling.workOrderAnswered, ids.answered, answered);
    await storedEvent('city-a', Events.handling.workOrderCreated, ids.answered, {
      workOrderId: ids.answered, request: brief({ requestId: ids.answered, ...CLEAR_BRIEF }), unitId: 'id-u', unitName: '单位', role: 'primary',
      signDueAt: '', handleDueAt: '', createdAt: '', unitCode: 'u', dueProvisional: false,
    });
    await storedEvent('city-a', Events.handling.workOrderReopened, ids.answered, {
      workOrderId: ids.answered, requestId: ids.answered, unitId: 'id-u', reasons: [`回复中不应写入电话${PHONE}`], reworkCount: 1,
      handleDueAt: '', reopenedAt: '', reworkDueAt: '',
    });
  });
  afterAll(async () => {
    await sut?.close();
    await db?.drop();
  });

  it('needs the PII key to encrypt stored answers, and changes nothing without it', async () => {
    expect(await clearValuesInDatabase(db.url, ['city-a', 'city-b'])).not.toEqual([]);
    await expect(migrate({ url: db.url, entities: handlingService.entities, migrations: handlingService.migrations })).rejects.toThrow(/PII_MASTER_KEY/);
    const [answer] = await queryAsTenant(db.url, 'city-a', `select answer from work_orders where id = $1`, [ids.answered]);
    expect(answer).toEqual({ answer: ANSWER_WITH_PERSONAL_DATA.answer });
  });

  it('masks and encrypts every tenant’s stored answers, masks the stored briefs and events, and leaves nothing in clear', async () => {
    const previous = process.env['PII_MASTER_KEY'];
    process.env['PII_MASTER_KEY'] = KEY;
    try {
      await migrate({ url: db.url, entities: handlingService.entities, migrations: handlingService.migrations });
    } finally {
      if (previous === undefined) delete process.env['PII_MASTER_KEY'];
      else process.env['PII_MASTER_KEY'] = previous;
    }
    // The harness's own (fresh) database stays unused: the service runs on the upgraded one, with the same key.
    sut = await startServiceUnderTest(handlingService, { env: { DATABASE_URL: db.url, PII_MASTER_KEY: KEY } });
    expect(await clearValuesInDatabase(db.url, ['city-a', 'city-b'])).toEqual([]);

    for (const [tenantId, id] of [['city-a', ids.answered], ['city-b', ids.otherTenant]] as const) {
      const view = await service().as(tenantId, ['reviewer'])('GET', `/v1/work-orders/${id}`);
      expect(view.body).toMatchObject({ ...MASKED_ANSWER, request: MASKED_BRIEF });
      const clear = await service().as(tenantId, ['supervisor'])('GET', `/v1/work-orders/${id}/clear?purpose=complaint-or-dispute`);
      expect(clear.body).toMatchObject({ ...ANSWER_WITH_PERSONAL_DATA, disclosedFields: ['answer', 'basis', 'contactRecord'] });
    }
    expect((await service().as('city-a', ['supervisor'])('GET', `/v1/work-orders/${ids.open}`)).body).toMatchObject({ request: MASKED_BRIEF, answer: null });
    const [plain] = await queryAsTenant(db.url, 'city-a', `select answer, answer_enc, basis_enc, contact_record_enc from work_orders where id = $1`, [ids.plain]);
    expect(plain).toEqual({ answer: '已处理', answer_enc: null, basis_enc: null, contact_record_enc: null });

    expect(await decodedOutbox(Events.handling.workOrderAnswered)).toEqual([expect.objectContaining(MASKED_ANSWER)]);
    expect((await decodedOutbox(Events.handling.workOrderCreated))[0]?.request).toMatchObject(MASKED_BRIEF);
    expect((await decodedOutbox(Events.handling.workOrderReopened))[0]?.reasons).toEqual(['回复中不应写入电话138****5678']);
  });

  it('restores row-level security on work_orders and isolates the access log', async () => {
    const tables = await service().service.context.dataSource.query(
      `select relname, relrowsecurity, relforcerowsecurity from pg_class where relname in ('work_orders', 'pii_access_log') order by relname`,
    );
    expect(tables).toEqual([
      { relname: 'pii_access_log', relrowsecurity: true, relforcerowsecurity: true },
      { relname: 'work_orders', relrowsecurity: true, relforcerowsecurity: true },
    ]);
    expect(await service().service.context.dataSource.query('select id from work_orders')).toEqual([]);
    expect(await queryAsTenant(db.url, 'city-b', `select purpose from pii_access_log`)).toEqual([{ purpose: 'complaint-or-dispute' }]);
  });
});
