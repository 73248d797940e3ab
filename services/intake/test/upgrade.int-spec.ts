import { Client } from 'pg';
import { Events } from '@hotline/contracts';
import { migrate, PiiCipher, uuidv7 } from '@hotline/platform';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { createTestDatabase, eventually, migrationsUpTo, queryAsTenant, RELEASE_0_1_0, TestDatabase } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { migrations } from '../src/persistence/schema';
import { sealAllStoredFreeText } from '../src/requests/free-text-sealing';
import { accessCodeHash } from '../src/requests/access-code';

/** The schema as release 0.1.0 left it: up to the requests migration. */
const PREVIOUS_RELEASE = migrationsUpTo(migrations, RELEASE_0_1_0);
const cipher = new PiiCipher(Buffer.alloc(32, 7)); // the harness's PII_MASTER_KEY

const TITLE = '银行卡被盗刷，请回电13900001111';
const CONTENT = '本人身份证110101199003074514，名下银行卡6222021234567890128昨日被盗刷';
const DETAIL = '已告知到派出所报案，电话 025-84561234';
const MASKED = {
  title: '银行卡被盗刷，请回电139****1111',
  content: '本人身份证110101********4514，名下银行卡6222********0128昨日被盗刷',
  detail: '已告知到派出所报案，电话 025-****1234',
};
const REQUEST = {
  a: { id: '0191f0a0-0000-7000-8000-0000000000a1', number: 'a-20250124-000001' },
  plain: { id: '0191f0a0-0000-7000-8000-0000000000a2', number: 'a-20250124-000002' },
  b: { id: '0191f0a0-0000-7000-8000-0000000000b1', number: 'b-20250124-000001' },
};
const OLD_CODE = '123456';

describe('upgrading an intake database of release 0.1.0 (real PostgreSQL and NATS)', () => {
  let db: TestDatabase;
  let sut: ServiceUnderTest | undefined;
  const service = () => {
    if (!sut) throw new Error('the service did not start');
    return sut;
  };
  const asTenant = <T = Record<string, unknown>>(tenant: string, sql: string, params: unknown[] = []) => queryAsTenant<T>(db.url, tenant, sql, params);

  /** A request as 0.1.0 stored it: its free text in clear, closed at intake with a direct answer. */
  async function seedRequest(tenant: string, { id, number }: { id: string; number: string }, text: { title: string; content: string; detail: string }) {
    await asTenant(
      tenant,
      `insert into requests (id, tenant_id, number, access_code_hash, channel, request_type, urgency, area_code, title, content,
         scope_decision, outcome_detail, status, received_at, closed_at, requester_name_enc, requester_phone_enc, created_by)
       values ($1, $2, $3, $4, 'phone', 'complaint', 'normal', '320102', $5, $6, 'direct-answer', $7, 'closed',
         '2025-01-24T02:00:00Z', '2025-01-24T02:00:00Z', $8, $9, 'agent-1')`,
      [id, tenant, number, accessCodeHash(number, OLD_CODE), text.title, text.content, text.detail, cipher.encrypt(tenant, '张三'), cipher.encrypt(tenant, '13812345678')],
    );
    await asTenant(
      tenant,
      `insert into request_timeline (tenant_id, request_id, seq, at, status, event_type, note)
       values ($1, $2, 1, '2025-01-24T02:00:00Z', 'registered', 'intake.registered', 'phone'),
              ($1, $2, 2, '2025-01-24T02:00:00Z', 'closed', 'intake.closed-at-intake', '来电人要求回电 13900001111')`,
      [tenant, id],
    );
    await asTenant(tenant, `insert into pii_access_log (tenant_id, request_id, subject, roles, at) values ($1, $2, 'agent-1', '{agent}', '2025-01-24T03:00:00Z')`, [tenant, id]);
    const closed = Events.intake.requestClosedAtIntake.codec.encode({
      request: {
        requestId: id,
        number,
        channel: 'phone',
        requestType: 'complaint',
        urgency: 'normal',
        categoryCode: '',
        areaCode: '320102',
        title: text.title,
        content: text.content,
        receivedAt: '2025-01-24T02:00:00Z',
        requesterMaskedName: '张*',
        requesterMaskedPhone: '138****5678',
        confidential: false,
        anonymous: false,
        categoryPath: [],
        taxonomyVersion: 0,
      },
      outcome: 'direct-answer',
      detail: text.detail,
      closedAt: '2025-01-24T02:00:00Z',
      closedBy: 'agent-1',
    });
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(
      `insert into outbox (id, tenant_id, aggregate_type, aggregate_id, event_type, subject, payload, published_at)
       values ($1, $2, 'request', $3, $4, 'hl.intake.v1.closed', $5, now())`,
      [uuidv7(), tenant, id, Events.intake.requestClosedAtIntake.type, Buffer.from(closed.finish())],
    );
    await admin.end();
  }

  const stored = async (tenant: string, id: string) =>
    (await asTenant(tenant, `select title, title_enc, content, content_enc, outcome_detail, outcome_detail_enc, free_text_sealed from requests where id = $1`, [id]))[0]!;

  beforeAll(async () => {
    db = await createTestDatabase('intake');
    await migrate({ url: db.url, entities: [], migrations: PREVIOUS_RELEASE });
    await seedRequest('city-a', REQUEST.a, { title: TITLE, content: CONTENT, detail: DETAIL });
    await seedRequest('city-a', REQUEST.plain, { title: '电梯停运', content: '3号楼电梯停运三天', detail: '已转物业' });
    await seedRequest('city-b', REQUEST.b, { title: TITLE, content: CONTENT, detail: DETAIL });

    await migrate({ url: db.url, entities: intakeService.entities, migrations: intakeService.migrations });
    // The harness's own (fresh) database stays unused: the service runs on the upgraded one.
    sut = await startServiceUnderTest(intakeService, { env: { DATABASE_URL: db.url } });
  });

  afterAll(async () => {
    await sut?.close();
    await db?.drop();
  });

  it("masks and encrypts every tenant's stored free text once the service runs", async () => {
    await eventually('the stored requests sealed', async () => {
      const [a, b] = [await asTenant('city-a', `select count(*)::int as n from requests where not free_text_sealed`), await asTenant('city-b', `select count(*)::int as n from requests where not free_text_sealed`)];
      return a[0]!.n === 0 && b[0]!.n === 0;
    });
    for (const [tenant, id] of [['city-a', REQUEST.a.id], ['city-b', REQUEST.b.id]] as const) {
      const row = await stored(tenant, id);
      expect(row).toMatchObject({ title: MASKED.title, content: MASKED.content, outcome_detail: MASKED.detail, free_text_sealed: true });
      expect([row.title_enc, row.content_enc, row.outcome_detail_enc].map((blob) => cipher.decrypt(tenant, blob as Buffer))).toEqual([TITLE, CONTENT, DETAIL]);
    }
    expect(await stored('city-a', REQUEST.plain.id)).toMatchObject({ title: '电梯停运', title_enc: null, content_enc: null, outcome_detail_enc: null, free_text_sealed: true });
  });

  it('shows the stored requests masked, and their clear text only through the audited clear read', async () => {
    const agent = service().as('city-a', ['agent']);
    const view = await agent('GET', `/v1/requests/${REQUEST.a.id}`);
    expect(view.body).toMatchObject({ title: MASKED.title, content: MASKED.content, scope: { decision: 'direct-answer', detail: MASKED.detail } });
    const clear = await agent('GET', `/v1/requests/${REQUEST.a.id}/text?purpose=complaint-or-dispute`);
    expect(clear.body).toMatchObject({ title: TITLE, content: CONTENT, scope: { detail: DETAIL }, revealed: ['title', 'content', 'scope.detail'] });
    const log = await asTenant('city-a', `select purpose, fields from pii_access_log where request_id = $1 order by id`, [REQUEST.a.id]);
    expect(log).toEqual([
      { purpose: 'unstated', fields: ['requester'] },
      { purpose: 'complaint-or-dispute', fields: ['title', 'content', 'scope.detail'] },
    ]);
  });

  it('masks the free text of the events kept in the outbox', async () => {
    const rows: Array<{ payload: Buffer }> = await service().service.context.dataSource.query(`select payload from outbox where aggregate_id = $1`, [REQUEST.a.id]);
    expect(rows.map((r) => Events.intake.requestClosedAtIntake.codec.decode(r.payload))).toEqual([
      expect.objectContaining({ detail: MASKED.detail, request: expect.objectContaining({ title: MASKED.title, content: MASKED.content }) }),
    ]);
  });

  it('masks the stored timeline notes', async () => {
    const notes = await asTenant('city-a', `select note from request_timeline where request_id = $1 order by seq`, [REQUEST.a.id]);
    expect(notes).toEqual([{ note: 'phone' }, { note: '来电人要求回电 139****1111' }]);
  });

  it('keeps the reads logged before, with the documented placeholder purpose', async () => {
    const log = await service().as('city-b', ['supervisor'])('GET', '/v1/pii-access-log?purpose=unstated');
    expect(log.body).toMatchObject({
      total: 1,
      items: [{ subject: 'agent-1', roles: ['agent'], requestId: REQUEST.b.id, number: REQUEST.b.number, fields: ['requester'], purpose: 'unstated', note: null, accessedAt: '2025-01-24T03:00:00.000Z' }],
    });
  });

  it('still opens a stored request with its six-digit access code', async () => {
    const res = await fetch(`${service().service.httpUrl}/v1/public/city-a/requests/${REQUEST.a.number}?code=${OLD_CODE}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ number: REQUEST.a.number, status: 'closed' });
  });

  it('masks a row the previous release writes during the rollout as it is read, and seals it on the next pass', async () => {
    const id = '0191f0a0-0000-7000-8000-0000000000a3';
    // As the previous release inserts: it knows nothing of the sealed columns.
    await asTenant(
      'city-a',
      `insert into requests (id, tenant_id, number, access_code_hash, channel, request_type, urgency, area_code, title, content,
         scope_decision, status, status_changed_at, received_at, requester_name_enc, requester_phone_enc, created_by)
       values ($1, 'city-a', 'a-20250124-000003', 'h', 'phone', 'complaint', 'normal', '320102', $2, $3, 'in-scope', 'registered',
         now(), now(), $4, $5, 'agent-1')`,
      [id, TITLE, CONTENT, cipher.encrypt('city-a', '张三'), cipher.encrypt('city-a', '13812345678')],
    );
    const view = await service().as('city-a', ['supervisor'])('GET', `/v1/requests/${id}`);
    expect(view.body).toMatchObject({ title: MASKED.title, content: MASKED.content });
    expect(await sealAllStoredFreeText(service().service.context, cipher)).toBe(1);
    expect(await stored('city-a', id)).toMatchObject({ title: MASKED.title, content: MASKED.content, free_text_sealed: true });
  });

  it('keeps row-level security forced on every table it changed or added', async () => {
    const { dataSource } = service().service.context;
    const tables = await dataSource.query(
      `select relname, relrowsecurity, relforcerowsecurity from pg_class
        where relname in ('requests', 'request_timeline', 'pii_access_log', 'access_code_attempts') order by relname`,
    );
    expect(tables).toEqual(
      ['access_code_attempts', 'pii_access_log', 'request_timeline', 'requests'].map((relname) => ({ relname, relrowsecurity: true, relforcerowsecurity: true })),
    );
    expect(await dataSource.query('select * from requests')).toEqual([]);
  });
});
