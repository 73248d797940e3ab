import { Client } from 'pg';
import { Events } from '@hotline/contracts';
import { migrate, uuidv7 } from '@hotline/platform';
import { CASE_FILE_FORMAT, chainRecord, GENESIS_HASH, JsonValue, RESEAL_FORMAT, sha256Hex } from '@hotline/revisit-domain';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { CLEAR, CLEAR_VALUES, createTestDatabase, everythingStored, MASKED, migrationsUpTo, queryAsTenant, RELEASE_0_1_0, TestDatabase } from '@hotline/testing';
import { runVerifyArchive } from '../src/archive/verify-archive-command';
import { migrations } from '../src/persistence/schema';
import { revisitService } from '../src/revisit.service';
import { Lifecycle, query } from './lifecycle-helpers';

/** The last migration before revisit masked what it copies (issue 10). */
const BEFORE_MASKING = 1764300003199;

/** An archive record as 0.1.0 wrote it: a summary, the reviewers' reasons in full. */
const summary = (tenantId: string, sequence: number, reasons: string[]): JsonValue => ({
  tenantId, sequence, requestId: uuidv7(), archivedAt: '2025-01-24T02:00:00.000Z', closedAt: '2025-01-24T02:00:00.000Z', resolved: true,
  satisfaction: 'satisfied', method: 'phone', primaryUnitId: 'unit-1', reviews: [{ workOrderId: `wo-${sequence}`, passed: true, reasons }],
  answerSha256: sha256Hex('已处理'),
});

/** A case-file record as this release wrote it before masking: clear text in title, answer and detail. */
const caseFileRecord = (tenantId: string, sequence: number): JsonValue => ({
  format: CASE_FILE_FORMAT, tenantId, sequence, requestId: uuidv7(), archivedAt: '2025-02-01T02:00:00.000Z',
  request: { requestId: 'r', number: '3201-20250201-000001', title: `请回电${CLEAR.mobile}`, content: `身份证${CLEAR.id}`, requester: { maskedName: '张*' } },
  dispatches: [],
  workOrders: [{ workOrderId: 'wo', answers: [{ reworkRound: 0, answer: `已退款至${CLEAR.card}`, basis: '条例', contactRecord: '电话联系', review: { status: 'passed', reasons: [] } }] }],
  revisit: null,
  closure: { closedAt: '2025-02-01T02:00:00.000Z', closedBy: 'agent-1', outcome: 'explained', detail: `已告知拨打${CLEAR.landline}` },
});

interface Link {
  sequence: number;
  recordHash: string;
  previousHash: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stored record as JSON
  record: any;
}

describe('upgrading a revisit database of the previous release (real PostgreSQL and NATS)', () => {
  let db: TestDatabase;
  let sut: ServiceUnderTest | undefined;
  const heads: Record<string, Link[]> = { 'city-a': [], 'city-b': [] };
  const reviewId = uuidv7();
  const outboxId = uuidv7();

  /** Appends a link to a tenant's chain as the release of the time did, through row-level security. */
  async function append(tenantId: string, record: JsonValue): Promise<void> {
    const chain = heads[tenantId]!;
    const link = chainRecord(chain.at(-1)?.recordHash ?? GENESIS_HASH, record);
    const sequence = chain.length + 1;
    await queryAsTenant(db.url, tenantId,
      `insert into archive_records (tenant_id, sequence, archive_id, request_id, record, previous_hash, record_hash, archived_at)
       values (current_setting('app.tenant_id'), $1, $2, $3, $4, $5, $6, now())`,
      [sequence, uuidv7(), uuidv7(), JSON.stringify(record), link.previousHash, link.recordHash]);
    chain.push({ sequence, ...link });
  }

  const service = () => {
    if (!sut) throw new Error('the service did not start');
    return sut;
  };
  const archiveOf = async (tenantId: string): Promise<Link[]> => (await service().as(tenantId, ['supervisor'])('GET', '/v1/archive')).body.items;

  beforeAll(async () => {
    db = await createTestDatabase('revisit');
    await migrate({ url: db.url, entities: [], migrations: migrationsUpTo(migrations, RELEASE_0_1_0) });
    await queryAsTenant(db.url, 'city-a',
      `insert into reviews (id, tenant_id, request_id, work_order_id, unit_id, role, answer, basis, contact_record, rework_count, status, reasons)
       values ($1, 'city-a', 'req-1', 'wo-1', 'unit-1', 'primary', $2, '条例', $3, 0, 'failed', $4)`,
      [reviewId, `已退款至${CLEAR.card}`, `致电${CLEAR.mobile}`, [`核对身份证${CLEAR.id}`]]);
    await append('city-a', summary('city-a', 1, [`请回电${CLEAR.mobile}`]));
    await append('city-a', summary('city-a', 2, ['未说明政策依据']));
    await append('city-b', summary('city-b', 1, ['未说明政策依据']));
    const reviewed = { reviewId, requestId: 'req-1', workOrderId: 'wo-1', unitId: 'unit-1', passed: false, reasons: [`请回电${CLEAR.mobile}`], reviewedAt: '', reviewedBy: 'r', role: 'primary' };
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `insert into outbox (id, tenant_id, aggregate_type, aggregate_id, event_type, subject, payload, published_at)
       values ($1, 'city-a', 'request', 'req-1', $2, 'hl.revisit.v1.city-a.answer.reviewed', $3, now())`,
      [outboxId, Events.revisit.answerReviewed.type, Buffer.from(Events.revisit.answerReviewed.codec.encode(reviewed).finish())],
    );
    await client.end();

    // Then the case file of this release, before it masked what it copies.
    await migrate({ url: db.url, entities: [], migrations: migrationsUpTo(migrations, BEFORE_MASKING) });
    await queryAsTenant(db.url, 'city-a', `insert into case_requests (tenant_id, request_id, brief, brief_rank) values ('city-a', 'req-1', $1, 2)`, [
      JSON.stringify({ requestId: 'req-1', title: `电梯停运，请回电${CLEAR.mobile}`, content: `卡号${CLEAR.card}`, requester: { maskedName: '张*' } }),
    ]);
    await append('city-a', caseFileRecord('city-a', 3));

    await migrate({ url: db.url, entities: revisitService.entities, migrations: revisitService.migrations });
    sut = await startServiceUnderTest(revisitService, { env: { DATABASE_URL: db.url } });
  });

  afterAll(async () => {
    await sut?.close();
    await db?.drop();
  });

  it('masks the archived free text and re-seals the chain with an entry naming the previous head', async () => {
    const links = await archiveOf('city-a');
    expect(links.map((l) => l.sequence)).toEqual([1, 2, 3, 4]);
    expect(links[0]!.record.reviews[0].reasons).toEqual([`请回电${MASKED.mobile}`]);
    expect(links[1]!.record).toEqual(heads['city-a']![1]!.record);
    expect(links[2]!.record).toMatchObject({
      request: { title: `请回电${MASKED.mobile}`, content: `身份证${MASKED.id}` },
      workOrders: [{ answers: [{ answer: `已退款至${MASKED.card}` }] }],
      closure: { detail: `已告知拨打${MASKED.landline}` },
    });
    expect(links[3]).toMatchObject({ requestId: null, previousHash: links[2]!.recordHash });
    expect(links[3]!.record).toEqual({
      format: RESEAL_FORMAT, tenantId: 'city-a', sequence: 4, resealedAt: expect.any(String), reason: 'personal-data-masked',
      resealedBy: 'upgrade:ArchiveResealed1764300003210', previousHead: { sequence: 3, recordHash: heads['city-a']![2]!.recordHash },
      maskedSequences: [[1, 1], [3, 3]],
    });
    expect(JSON.stringify(links)).not.toMatch(CLEAR_VALUES);
    expect((await service().as('city-a', ['supervisor'])('GET', '/v1/archive/verify')).body).toEqual({ intact: true, records: 4 });
    expect(await runVerifyArchive({ DATABASE_URL: db.url, TENANT: 'city-a' })).toEqual({ exitCode: 0, output: 'archive of city-a: 4 records, chain intact\n' });
  });

  it('leaves a chain with nothing to mask exactly as it was, without a re-seal entry', async () => {
    const [only, ...rest] = await archiveOf('city-b');
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ sequence: 1, recordHash: heads['city-b']![0]!.recordHash, record: heads['city-b']![0]!.record });
  });

  it('masks the stored answers, reasons, briefs and outgoing AnswerReviewed events', async () => {
    const { body } = await service().as('city-a', ['reviewer'])('GET', '/v1/reviews');
    expect(body.items).toEqual([
      expect.objectContaining({ id: reviewId, answer: `已退款至${MASKED.card}`, contactRecord: `致电${MASKED.mobile}`, reasons: [`核对身份证${MASKED.id}`] }),
    ]);
    const [brief] = await query(service(), 'city-a', `select brief from case_requests where request_id = 'req-1'`);
    expect(brief.brief).toMatchObject({ title: `电梯停运，请回电${MASKED.mobile}`, content: `卡号${MASKED.card}` });
    const [row] = await service().service.context.dataSource.query(`select payload from outbox where id = $1`, [outboxId]);
    expect(Events.revisit.answerReviewed.codec.decode(row.payload).reasons).toEqual([`请回电${MASKED.mobile}`]);
    expect(await everythingStored(db)).not.toMatch(CLEAR_VALUES);
  });

  it('keeps the chain append-only and row-level secured, and goes on appending after the re-seal entry', async () => {
    const { dataSource } = service().service.context;
    const tables = await dataSource.query(
      `select relname, relrowsecurity, relforcerowsecurity from pg_class where relname in ('archive_records', 'reviews', 'case_requests') order by relname`,
    );
    expect(tables).toEqual(['archive_records', 'case_requests', 'reviews'].map((relname) => ({ relname, relrowsecurity: true, relforcerowsecurity: true })));
    await expect(query(service(), 'city-a', `update archive_records set record_hash = 'x' where sequence = 4`)).rejects.toThrow(/append-only/);

    const life = new Lifecycle(service());
    const closed = await life.revisit('city-a', await life.readyForRevisit('city-a'));
    expect(closed.body.archive).toMatchObject({ sequence: 5, previousHash: (await archiveOf('city-a'))[3]!.recordHash });
    expect((await service().as('city-a', ['supervisor'])('GET', '/v1/archive/verify')).body).toEqual({ intact: true, records: 5 });
  });

  it('refuses to re-seal a chain that no longer verifies, and changes nothing', async () => {
    const tampered = await createTestDatabase('revisit');
    try {
      await migrate({ url: tampered.url, entities: [], migrations: migrationsUpTo(migrations, RELEASE_0_1_0) });
      const record = summary('city-t', 1, [`请回电${CLEAR.mobile}`]);
      const link = chainRecord(GENESIS_HASH, record);
      await queryAsTenant(tampered.url, 'city-t',
        `insert into archive_records (tenant_id, sequence, archive_id, request_id, record, previous_hash, record_hash, archived_at)
         values ('city-t', 1, $1, 'req-t', $2, $3, $4, now())`,
        [uuidv7(), JSON.stringify({ ...(record as object), resolved: false }), link.previousHash, link.recordHash]);
      await expect(migrate({ url: tampered.url, entities: revisitService.entities, migrations: revisitService.migrations })).rejects.toThrow(
        /archive chain of city-t is broken at sequence 1 \(record hash does not match its content\)/,
      );
      const [row] = await queryAsTenant<{ reasons: string[] }>(tampered.url, 'city-t', `select record->'reviews'->0->'reasons' as reasons from archive_records`);
      expect(row!.reasons).toEqual([`请回电${CLEAR.mobile}`]);
    } finally {
      await tampered.drop();
    }
  });
});
