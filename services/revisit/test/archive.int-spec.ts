import { Client } from 'pg';
import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { CASE_FILE_FORMAT, chainRecord, GENESIS_HASH, recordHash, sha256Hex } from '@hotline/revisit-domain';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { ADMIN_DATABASE_URL } from '@hotline/testing';
import { runVerifyArchive } from '../src/archive/verify-archive-command';
import { revisitService } from '../src/revisit.service';
import { answered, brief, Lifecycle, publishedEvents, query } from './lifecycle-helpers';

interface ArchiveItem {
  sequence: number;
  requestId: string;
  previousHash: string;
  recordHash: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stored record as JSON
  record: any;
}

describe('revisit: revisit, closure and the hash-chained archive', () => {
  let sut: ServiceUnderTest;
  let life: Lifecycle;
  const archiveOf = async (tenantId: string, query = ''): Promise<ArchiveItem[]> =>
    (await sut.as(tenantId, ['supervisor'])('GET', `/v1/archive${query}`)).body.items;
  const verify = async (tenantId: string) => (await sut.as(tenantId, ['tenant-admin'])('GET', '/v1/archive/verify')).body;
  /**
   * Tampering as only a superuser (or the table owner, with DDL) can: the append-only triggers
   * switched off around one statement, in one transaction.
   */
  const tamperAsSuperuser = async (sql: string, params: unknown[] = []) => {
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${sut.db.name}`;
    const admin = new Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      await admin.query('begin');
      await admin.query('alter table archive_records disable trigger user');
      await admin.query(sql, params);
      await admin.query('alter table archive_records enable trigger user');
      await admin.query('commit');
    } finally {
      await admin.end();
    }
  };

  beforeAll(async () => {
    sut = await startServiceUnderTest(revisitService);
    life = new Lifecycle(sut);
  });

  afterAll(() => sut?.close());

  it('records a revisit, closes and archives the request, in that order', async () => {
    const requestId = uuidv7();
    const workOrderId = uuidv7();
    await life.accept('city-a', brief(requestId));
    const first = await life.answer('city-a', answered(requestId, workOrderId, { answer: '初次答复' }));
    await life.decide('city-a', first.id, { passed: false, reasons: ['未说明政策依据'] });
    const final = await life.answer('city-a', answered(requestId, workOrderId, { reworkCount: 1, answer: '最终答复' }));
    await life.decide('city-a', final.id, { passed: true });

    // 部分解决 with 基本满意 stands (only 不满意 or 未解决 wait for a judgement): it closes the request.
    const res = await life.revisit('city-a', requestId, {
      method: 'sms', resolved: undefined, resolution: 'partly-resolved', satisfaction: 'basically-satisfied', respondent: 'other',
    });
    expect(res.status).toBe(201);
    expect(res.body.revisit).toMatchObject({
      requestId, unitId: first.unitId, method: 'sms', resolved: false, resolution: 'partly-resolved', satisfaction: 'basically-satisfied',
      respondent: 'other', defaulted: false, recordedBy: 'city-a:user',
    });
    expect(res.body.archive).toMatchObject({ sequence: 1, requestId, previousHash: GENESIS_HASH });
    const { record } = res.body.archive;
    expect(record).toMatchObject({
      format: CASE_FILE_FORMAT, tenantId: 'city-a', sequence: 1, requestId, archivedAt: expect.any(String),
      request: { requestId, requestType: 'complaint', title: '小区电梯停运', requester: { maskedPhone: '138****5678', anonymous: false } },
      revisit: {
        outcome: 'evaluated', method: 'sms', resolved: false, resolution: 'partly-resolved', satisfaction: 'basically-satisfied', respondent: 'other',
        defaulted: false, recordedBy: 'city-a:user', recordedAt: res.body.revisit.recordedAt,
      },
      closure: { closedAt: res.body.revisit.recordedAt, closedBy: 'city-a:user', outcome: 'evaluated', detail: null },
    });
    expect(record.workOrders).toHaveLength(1);
    expect(record.workOrders[0]).toMatchObject({ workOrderId, unitId: first.unitId, role: 'primary', answeredBy: 'operator-of-unit' });
    expect(record.workOrders[0].answers.map((a: { reworkRound: number; answer: string; review: { status: string; reasons: string[] } }) =>
      [a.reworkRound, a.answer, a.review.status, a.review.reasons])).toEqual([
      [0, '初次答复', 'failed', ['未说明政策依据']],
      [1, '最终答复', 'passed', []],
    ]);
    expect(res.body.archive.recordHash).toBe(recordHash(GENESIS_HASH, record));

    const events = (await publishedEvents(sut, 'city-a')).filter((e) => e.payload.requestId === requestId);
    expect(events.map((e) => e.type)).toEqual([
      Events.revisit.answerReviewed.type, Events.revisit.answerReviewed.type,
      Events.revisit.revisitRecorded.type, Events.revisit.requestClosed.type, Events.revisit.requestArchived.type,
    ]);
    const [recorded, closed, archived] = events.slice(2).map((e) => e.payload);
    expect(recorded).toMatchObject({
      revisitId: res.body.revisit.id, method: 'sms', resolved: false, resolution: 'partly-resolved', satisfaction: 'basically-satisfied',
      respondent: 'other', defaulted: false, unitId: first.unitId, recordedBy: 'city-a:user',
    });
    expect(closed).toMatchObject({
      resolved: false, satisfaction: 'basically-satisfied', closedAt: recorded.recordedAt, closedBy: 'city-a:user', revisitOutcome: 'evaluated',
    });
    expect(archived).toMatchObject({
      archiveId: res.body.archive.archiveId, sequence: '1', recordHash: res.body.archive.recordHash, previousHash: GENESIS_HASH,
    });

    expect((await life.revisit('city-a', requestId)).status).toBe(409);
    expect((await sut.as('city-a', ['agent'])('GET', '/v1/revisits/pending')).body.items).toEqual([]);
  });

  it('refuses revisits of unknown requests and of requests not yet reviewed', async () => {
    expect((await life.revisit('city-a', uuidv7())).status).toBe(404);
    const requestId = uuidv7();
    await life.answer('city-a', answered(requestId, uuidv7()));
    expect((await life.revisit('city-a', requestId)).status).toBe(409);
  });

  it('chains several closures and verifies the chain', async () => {
    for (let i = 0; i < 3; i += 1) expect((await life.revisit('city-a', await life.readyForRevisit('city-a'))).status).toBe(201);
    const items = await archiveOf('city-a');
    expect(items.map((a) => a.sequence)).toEqual([1, 2, 3, 4]);
    items.forEach((a, i) => {
      expect(a.previousHash).toBe(i === 0 ? GENESIS_HASH : items[i - 1]!.recordHash);
      expect(a.recordHash).toBe(recordHash(a.previousHash, a.record));
    });
    expect((await archiveOf('city-a', '?limit=2&offset=1')).map((a) => a.sequence)).toEqual([2, 3]);
    expect(await verify('city-a')).toEqual({ intact: true, records: 4 });
    expect(await runVerifyArchive({ DATABASE_URL: sut.db.url, TENANT: 'city-a' })).toEqual({
      exitCode: 0, output: 'archive of city-a: 4 records, chain intact\n',
    });
  });

  it('keeps sequences 1..n without gaps when closures run concurrently', async () => {
    const requests: string[] = [];
    for (let i = 0; i < 8; i += 1) requests.push(await life.readyForRevisit('city-b'));
    const results = await Promise.all(requests.map((r) => life.revisit('city-b', r)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const items = await archiveOf('city-b');
    expect(items.map((a) => a.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(items.map((a) => a.requestId))).toEqual(new Set(requests));
    expect(await verify('city-b')).toEqual({ intact: true, records: 8 });
    // The same request twice at once: one closes it, the other finds it closed.
    const twice = await life.readyForRevisit('city-b');
    const both = await Promise.all([life.revisit('city-b', twice), life.revisit('city-b', twice)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the chain to the service’s own role', async () => {
    await life.revisit('city-u', await life.readyForRevisit('city-u'));
    const attempts = [
      `update archive_records set record = jsonb_set(record, '{revisit,satisfaction}', '"dissatisfied"') where sequence = 1`,
      `update archive_records set record_hash = 'x'`,
      `delete from archive_records where sequence = 1`,
      `truncate archive_records`,
    ];
    for (const sql of attempts) await expect(query(sut, 'city-u', sql)).rejects.toThrow(/archive_records is append-only/);
    const [row] = await query(sut, 'city-u', `select count(*)::int as n, min(record_hash) as hash from archive_records`);
    expect(row.n).toBe(1);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verify('city-u')).toEqual({ intact: true, records: 1 });
  });

  it('detects a tampered record and names its sequence (REST and command)', async () => {
    for (let i = 0; i < 3; i += 1) await life.revisit('city-t', await life.readyForRevisit('city-t'));
    await tamperAsSuperuser(
      `update archive_records set record = jsonb_set(record, '{revisit,satisfaction}', '"dissatisfied"') where tenant_id = 'city-t' and sequence = 2`,
    );
    expect((await archiveOf('city-t'))[1]!.record.revisit.satisfaction).toBe('dissatisfied');
    expect(await verify('city-t')).toEqual({
      intact: false, records: 3, firstBrokenSequence: 2, reason: 'record hash does not match its content',
    });
    const command = await runVerifyArchive({ DATABASE_URL: sut.db.url, TENANT: 'city-t' });
    expect(command.exitCode).toBe(1);
    expect(command.output).toContain('chain broken at sequence 2');
    expect(await verify('city-a')).toMatchObject({ intact: true });
  });

  it('detects a re-hashed forgery at the following link', async () => {
    for (let i = 0; i < 3; i += 1) await life.revisit('city-c', await life.readyForRevisit('city-c'));
    // The forger recomputes the edited record's hash too: the next link now breaks.
    await tamperAsSuperuser(`update archive_records set record = jsonb_set(record, '{revisit,resolved}', 'false') where tenant_id = 'city-c' and sequence = 1`);
    const [first] = await archiveOf('city-c');
    await tamperAsSuperuser(`update archive_records set record_hash = $1 where tenant_id = 'city-c' and sequence = 1`, [
      recordHash(first!.previousHash, first!.record),
    ]);
    expect(await verify('city-c')).toMatchObject({ intact: false, records: 3, firstBrokenSequence: 2 });
  });

  it('keeps verifying a chain whose first records are in the early summary format', async () => {
    // A link as the archive wrote it before case files (inserting is what the service role may do).
    const summary = {
      tenantId: 'city-s', sequence: 1, requestId: uuidv7(), archivedAt: '2025-01-24T02:00:00.000Z', closedAt: '2025-01-24T02:00:00.000Z',
      resolved: true, satisfaction: 'satisfied', method: 'phone', primaryUnitId: 'unit-1',
      reviews: [{ workOrderId: 'wo-1', passed: true, reasons: [] }], answerSha256: sha256Hex('已处理'),
    };
    const link = chainRecord(GENESIS_HASH, summary);
    await query(sut, 'city-s',
      `insert into archive_records (tenant_id, sequence, archive_id, request_id, record, previous_hash, record_hash, archived_at)
       values ('city-s', 1, $1, $2, $3, $4, $5, now())`,
      [uuidv7(), summary.requestId, JSON.stringify(summary), link.previousHash, link.recordHash]);
    const res = await life.revisit('city-s', await life.readyForRevisit('city-s'));
    expect(res.body.archive).toMatchObject({ sequence: 2, previousHash: link.recordHash, record: { format: CASE_FILE_FORMAT } });
    expect(await verify('city-s')).toEqual({ intact: true, records: 2 });
    expect((await runVerifyArchive({ DATABASE_URL: sut.db.url, TENANT: 'city-s' })).exitCode).toBe(0);
  });

  it('names a missing or bad variable of the verify command', async () => {
    const result = await runVerifyArchive({ DATABASE_URL: 'mysql://x', TENANT: 'City A' });
    expect(result.exitCode).toBe(78);
    expect(result.output).toContain('DATABASE_URL');
    expect(result.output).toContain('TENANT');
    expect((await runVerifyArchive({ DATABASE_URL: sut.db.url })).output).toContain('TENANT: missing');
    expect(await runVerifyArchive({ DATABASE_URL: sut.db.url, TENANT: 'city-empty' })).toEqual({
      exitCode: 0, output: 'archive of city-empty: 0 records, chain intact\n',
    });
  });

  it('gives each tenant its own chain starting at 1', async () => {
    await life.revisit('city-d', await life.readyForRevisit('city-d'));
    const [only] = await archiveOf('city-d');
    expect(only).toMatchObject({ sequence: 1, previousHash: GENESIS_HASH, record: { tenantId: 'city-d' } });
    expect(await sut.service.context.dataSource.query('select * from archive_records')).toEqual([]);
    const requestOfA = (await archiveOf('city-a'))[0]!.requestId;
    expect((await life.revisit('city-d', requestOfA)).status).toBe(404);
  });

  it('validates input and checks roles', async () => {
    const agent = sut.as('city-e', ['agent']);
    const bad = await agent('POST', '/v1/revisits', { requestId: '', method: 'letter', resolved: 'yes', satisfaction: 'happy', x: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['requestId', 'method', 'resolved', 'satisfaction', '(body)']),
    );
    expect((await agent('GET', '/v1/revisits/pending?limit=0')).body.errors).toEqual([expect.objectContaining({ field: 'query.limit' })]);
    expect((await sut.as('city-e', ['supervisor'])('GET', '/v1/archive?limit=500')).status).toBe(400);
    expect((await sut.request('POST', '/v1/revisits', undefined, {})).status).toBe(401);
    for (const role of ['supervisor', 'tenant-admin', 'unit-operator'] as const)
      expect((await sut.as('city-e', [role])('POST', '/v1/revisits', { requestId: 'r', method: 'phone', resolved: true, satisfaction: 'satisfied' })).status).toBe(403);
    for (const role of ['reviewer', 'agent', 'supervisor'] as const)
      expect((await sut.as('city-e', [role])('GET', '/v1/revisits/pending')).status).toBe(200);
    expect((await sut.as('city-e', ['tenant-admin'])('GET', '/v1/revisits/pending')).status).toBe(403);
    for (const path of ['/v1/archive', '/v1/archive/verify']) {
      for (const role of ['supervisor', 'tenant-admin'] as const) expect((await sut.as('city-e', [role])('GET', path)).status).toBe(200);
      for (const role of ['reviewer', 'agent'] as const) expect((await sut.as('city-e', [role])('GET', path)).status).toBe(403);
    }
    expect((await sut.as('city-e', ['reviewer'])('POST', '/v1/revisits', { requestId: 'r', method: 'phone', resolved: true, satisfaction: 'satisfied' })).status).toBe(404);
  });
});
