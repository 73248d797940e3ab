import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { localDateOf } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { anonymisedRecordHash, chainRecord } from '@hotline/revisit-domain';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { ADMIN_DATABASE_URL, eventually } from '@hotline/testing';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { runExportArchive } from '../src/archive/export-archive-command';
import { runVerifyArchive } from '../src/archive/verify-archive-command';
import { revisitService } from '../src/revisit.service';
import { answered, brief, closedAtIntake, Lifecycle, publishedEvents, query } from './lifecycle-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- archive links and export lines as JSON
type Json = any;
const YEAR_MS = 366 * 24 * 3600 * 1000;

describe('revisit: retention of closed requests, the anonymised archive and its export', () => {
  let sut: ServiceUnderTest;
  let life: Lifecycle;
  const admin = (tenant: string) => sut.as(tenant, ['tenant-admin']);
  const archiveOf = async (tenant: string): Promise<Json[]> => (await sut.as(tenant, ['supervisor'])('GET', '/v1/archive?limit=200')).body.items;
  const verify = async (tenant: string) => (await admin(tenant)('GET', '/v1/archive/verify')).body;
  const today = () => localDateOf(new Date(), 'Asia/Shanghai');

  /** As only a superuser (or the owner, with DDL) can: the archive's triggers off around one statement. */
  const tamperAsSuperuser = async (sql: string, params: unknown[] = []) => {
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${sut.db.name}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query('begin');
      await client.query('alter table archive_records disable trigger user');
      await client.query(sql, params);
      await client.query('alter table archive_records enable trigger user');
      await client.query('commit');
    } finally {
      await client.end();
    }
  };

  /** A request answered, reviewed, revisited: closed and archived with its whole case file. */
  async function closeOne(tenant: string): Promise<string> {
    const requestId = uuidv7();
    await life.accept(tenant, brief(requestId, { title: '小区电梯停运', content: '3号楼电梯停运三天，联系人王先生' }));
    const review = await life.answer(tenant, answered(requestId, uuidv7(), { answer: '已联系物业维修', contactRecord: '电话联系王先生' }));
    await life.decide(tenant, review.id, { passed: true });
    expect((await life.revisit(tenant, requestId)).status).toBe(201);
    return requestId;
  }

  async function closeAtIntake(tenant: string): Promise<string> {
    const requestId = uuidv7();
    await publishEvent(sut, Events.intake.requestClosedAtIntake, tenant, closedAtIntake(brief(requestId), { detail: '已告知办理流程' }));
    await life.caseFileHas(tenant, `select 1 from archive_records where request_id = $1`, [requestId]);
    return requestId;
  }

  const runUntilDone = (tenant: string, id: string) =>
    eventually(`retention run ${id} finished`, async () => {
      const res = await admin(tenant)('GET', `/v1/retention/runs/${id}`);
      return res.body.status === 'running' ? undefined : res.body;
    });

  async function exportLines(tenant: string, from: string, to: string, roles: ['supervisor'] | ['tenant-admin'] = ['supervisor']) {
    const res = await fetch(`${sut.service.httpUrl}/v1/archive/export?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${await sut.token(tenant, roles)}` },
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), text, lines: text.split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(revisitService, { env: { RETENTION_BATCH_SIZE: '2' } });
    life = new Lifecycle(sut);
  });

  afterAll(() => sut?.close());

  it('keeps a retention policy per tenant, written by its administrator', async () => {
    expect((await admin('city-p')('GET', '/v1/retention-policy')).body).toEqual({
      closedRequestYears: 10, anonymiseIdentity: true, anonymiseFreeText: true, configured: false, updatedAt: null, updatedBy: null,
    });
    const bad = await admin('city-p')('PUT', '/v1/retention-policy', { closedRequestYears: 0, anonymiseIdentity: 'yes', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['closedRequestYears', 'anonymiseIdentity', '(body)']));
    expect((await sut.as('city-p', ['supervisor'])('PUT', '/v1/retention-policy', { closedRequestYears: 5 })).status).toBe(403);
    const put = await admin('city-p')('PUT', '/v1/retention-policy', { closedRequestYears: 30, anonymiseFreeText: false });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ closedRequestYears: 30, anonymiseIdentity: true, anonymiseFreeText: false, configured: true });
    expect((await sut.as('city-p', ['supervisor'])('GET', '/v1/retention-policy')).body).toMatchObject({ closedRequestYears: 30 });
    // Another tenant keeps the defaults.
    expect((await admin('city-q')('GET', '/v1/retention-policy')).body).toMatchObject({ closedRequestYears: 10, configured: false });
    expect((await sut.as('city-p', ['agent'])('GET', '/v1/retention-policy')).status).toBe(403);
  });

  it('anonymises the archived requests past the period in batches; the chain still verifies and a tampered record still fails', async () => {
    const T = 'city-r';
    expect((await admin(T)('PUT', '/v1/retention-policy', { closedRequestYears: 5 })).status).toBe(200);
    const closed = [await closeOne(T), await closeOne(T), await closeAtIntake(T), await closeOne(T)];
    const before = await archiveOf(T);
    expect(before.map((a) => a.requestId)).toEqual(closed);

    // Now nothing is five years old: a run finds nothing and completes at once.
    const none = await admin(T)('POST', '/v1/retention/runs', {});
    expect(none.status).toBe(202);
    expect(none.body).toMatchObject({ trigger: 'on-demand', status: 'completed', total: 0, anonymised: 0, requestedBy: `${T}:user` });

    const asOf = new Date(Date.now() + 6 * YEAR_MS).toISOString();
    const started = await admin(T)('POST', '/v1/retention/runs', { asOf });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', total: 4, anonymised: 0, batchSize: 2, policy: { closedRequestYears: 5 } });
    const run = await runUntilDone(T, started.body.id);
    expect(run).toMatchObject({ status: 'completed', total: 4, anonymised: 4, remaining: 0, batches: 3, error: null });
    expect(run.finishedAt).toEqual(expect.any(String));

    const after = await archiveOf(T);
    const records = after.filter((a) => a.requestId !== null);
    const entries = after.filter((a) => a.record.format === 'anonymisation/1');
    expect(records.map((a) => a.requestId)).toEqual(closed);
    expect(entries).toHaveLength(2);
    expect(entries.flatMap((e) => e.record.records.map((r: Json) => r.requestId))).toEqual(closed);
    records.forEach((a, i) => {
      // Every hash kept; identity and free text gone; numbers, codes, times and outcomes kept.
      expect({ sequence: a.sequence, previousHash: a.previousHash, recordHash: a.recordHash }).toEqual({
        sequence: before[i].sequence, previousHash: before[i].previousHash, recordHash: before[i].recordHash,
      });
      const request = a.record.request;
      expect(request).toMatchObject({
        title: ANONYMISED_MARKER, content: ANONYMISED_MARKER, number: before[i].record.request.number, requestType: 'complaint',
        requester: { maskedName: ANONYMISED_MARKER, maskedPhone: ANONYMISED_MARKER, anonymous: false },
      });
      expect(a.record.closure.closedAt).toBe(before[i].record.closure.closedAt);
      expect(JSON.stringify(a.record)).not.toMatch(/王先生|电梯|138\*\*\*\*5678|张\*/);
    });
    const revisited = records[0].record;
    expect(revisited.workOrders[0].answers[0]).toMatchObject({ answer: ANONYMISED_MARKER, basis: ANONYMISED_MARKER, contactRecord: ANONYMISED_MARKER });
    expect(revisited.revisit).toMatchObject({ outcome: 'evaluated', satisfaction: 'satisfied' });
    expect(records[2].record.closure).toMatchObject({ outcome: 'direct-answer', detail: ANONYMISED_MARKER });

    expect(await verify(T)).toEqual({ intact: true, records: 6 });
    expect((await runVerifyArchive({ DATABASE_URL: sut.db.url, TENANT: T })).output).toBe(`archive of ${T}: 6 records, chain intact\n`);

    // revisit's own copies: the case file's brief, the reviewed answers.
    const [brief0] = await query(sut, T, `select brief from case_requests where request_id = $1`, [closed[0]]);
    expect(brief0.brief).toMatchObject({ title: ANONYMISED_MARKER, content: ANONYMISED_MARKER, requester: { maskedPhone: ANONYMISED_MARKER } });
    const [review0] = await query(sut, T, `select answer, contact_record from reviews where request_id = $1`, [closed[0]]);
    expect(review0).toEqual({ answer: ANONYMISED_MARKER, contact_record: ANONYMISED_MARKER });

    // One RequestAnonymised per request, for intake and handling.
    const anonymisedEvents = (await publishedEvents(sut, T)).filter((e) => e.type === Events.revisit.requestAnonymised.type);
    expect(anonymisedEvents.map((e) => e.payload.requestId)).toEqual(closed);
    expect(anonymisedEvents[0].payload).toMatchObject({ runId: run.id, identity: true, freeText: true, anonymisedAt: expect.any(String) });

    // A second run finds nothing left (a record is anonymised once).
    const again = await admin(T)('POST', '/v1/retention/runs', { asOf });
    expect(again.body).toMatchObject({ status: 'completed', total: 0 });

    // The guard: the anonymisation is the one update, once; nothing else.
    for (const sql of [
      `update archive_records set record = jsonb_set(record, '{closure,outcome}', '"forged"') where sequence = 1`,
      `update archive_records set anonymised_at = now() where sequence = 1`,
      `update archive_records set record = jsonb_set(record, '{request,title}', '"改写"') where sequence = 1`,
      `delete from archive_records where sequence = 1`,
    ])
      await expect(query(sut, T, sql)).rejects.toThrow(/archive_records is append-only/);
    expect(await verify(T)).toEqual({ intact: true, records: 6 });

    // Tampering with an anonymised record: its seal no longer matches.
    await tamperAsSuperuser(`update archive_records set record = jsonb_set(record, '{revisit,satisfaction}', '"dissatisfied"') where tenant_id = $1 and sequence = 2`, [T]);
    expect(await verify(T)).toEqual({ intact: false, records: 6, firstBrokenSequence: 2, reason: 'anonymised record does not match its anonymisation hash' });
    // ...and re-sealing the forgery breaks the anonymisation entry that lists the seal.
    const [forged] = await query(sut, T, `select record, record_hash from archive_records where sequence = 2`);
    await tamperAsSuperuser(`update archive_records set anonymised_hash = $2 where tenant_id = $1 and sequence = 2`, [
      T, anonymisedRecordHash(forged.record_hash, forged.record),
    ]);
    const resealed = await verify(T);
    expect(resealed).toMatchObject({ intact: false, firstBrokenSequence: entries[0].sequence });
    expect(resealed.reason).toMatch(/anonymisation entry does not seal record 2/);
    expect((await runVerifyArchive({ DATABASE_URL: sut.db.url, TENANT: T })).exitCode).toBe(1);
  });

  it('still fails a tampered record that was not anonymised, and refuses an anonymisation outside a run', async () => {
    const T = 'city-s';
    await closeOne(T);
    await closeOne(T);
    await tamperAsSuperuser(`update archive_records set record = jsonb_set(record, '{revisit,satisfaction}', '"dissatisfied"') where tenant_id = $1 and sequence = 2`, [T]);
    expect(await verify(T)).toEqual({ intact: false, records: 2, firstBrokenSequence: 2, reason: 'record hash does not match its content' });

    // The service's role cannot anonymise a record without its entry in the chain.
    const O = 'city-o';
    await closeOne(O);
    const [link] = await query(sut, O, `select record, record_hash from archive_records where sequence = 1`);
    await expect(
      query(sut, O, `update archive_records set anonymised_at = now(), anonymisation_run_id = $1, anonymised_hash = $2, anonymised_in = 99 where sequence = 1`, [
        uuidv7(), anonymisedRecordHash(link.record_hash, link.record),
      ]),
    ).rejects.toThrow(/append-only/);
    // A superuser who does it anyway leaves a record no entry seals.
    await tamperAsSuperuser(
      `update archive_records set anonymised_at = now(), anonymisation_run_id = $2, anonymised_hash = $3, anonymised_in = 99 where tenant_id = $1 and sequence = 1`,
      [O, uuidv7(), anonymisedRecordHash(link.record_hash, link.record)],
    );
    expect(await verify(O)).toMatchObject({ intact: false, firstBrokenSequence: 1, reason: 'anonymised record names no anonymisation entry in the chain' });

    // With an entry in the chain, the guard lets values be removed and none be changed; and an
    // entry that does not list the record it is named by breaks the chain.
    const E = 'city-e2';
    await closeOne(E);
    const [first] = await query(sut, E, `select record, record_hash from archive_records where sequence = 1`);
    const entry = chainRecord(first.record_hash, {
      format: 'anonymisation/1', tenantId: E, sequence: 2, anonymisedAt: new Date().toISOString(), runId: uuidv7(),
      reason: 'retention-period-ended', scope: { identity: true, freeText: true }, records: [],
    });
    await query(sut, E,
      `insert into archive_records (tenant_id, sequence, archive_id, request_id, record, previous_hash, record_hash, archived_at)
       values ($1, 2, $2, null, $3, $4, $5, now())`,
      [E, uuidv7(), JSON.stringify(entry.record), entry.previousHash, entry.recordHash]);
    const anonymiseAs = (record: Json) =>
      query(sut, E, `update archive_records set record = $1, anonymised_at = now(), anonymisation_run_id = $2, anonymised_hash = $3, anonymised_in = 2
                     where sequence = 1`, [JSON.stringify(record), uuidv7(), anonymisedRecordHash(first.record_hash, record)]);
    const changed = { ...first.record, closure: { ...first.record.closure, outcome: 'forged' }, request: { ...first.record.request, title: ANONYMISED_MARKER } };
    await expect(anonymiseAs(changed)).rejects.toThrow(/append-only/);
    await anonymiseAs({ ...first.record, request: { ...first.record.request, title: ANONYMISED_MARKER } });
    expect(await verify(E)).toMatchObject({ intact: false, firstBrokenSequence: 2, reason: 'anonymisation entry and the records anonymised under it differ' });
  });

  it('refuses a second on-demand run while one is running, and validates the run request', async () => {
    const T = 'city-u';
    await closeOne(T);
    await query(sut, T,
      `insert into retention_runs (id, tenant_id, trigger, status, as_of, cutoff, closed_request_years, anonymise_identity, anonymise_free_text,
         batch_size, total, until_sequence, requested_by, started_at, updated_at)
       values ($1, $2, 'on-demand', 'running', now(), now(), 10, true, true, 2, 1, 1, 'someone', now(), now())`,
      [uuidv7(), T]);
    const conflict = await admin(T)('POST', '/v1/retention/runs', {});
    expect(conflict.status).toBe(409);
    const bad = await admin(T)('POST', '/v1/retention/runs', { asOf: 'tomorrow', batch: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['asOf', '(body)']));
    expect((await sut.as(T, ['supervisor'])('POST', '/v1/retention/runs', {})).status).toBe(403);
    expect((await admin(T)('GET', '/v1/retention/runs/not-a-uuid')).status).toBe(400);
    expect((await admin(T)('GET', `/v1/retention/runs/${uuidv7()}`)).status).toBe(404);
    expect((await sut.as(T, ['supervisor'])('GET', '/v1/retention/runs')).body.items).toHaveLength(1);
    // Tenants are isolated: another tenant sees no run of this one.
    expect((await admin('city-v')('GET', '/v1/retention/runs')).body.items).toEqual([]);
  });

  it('runs daily on a durable timer that the first archive of a tenant schedules', async () => {
    const T = 'city-w';
    await closeOne(T);
    const [timer] = await sut.service.context.dataSource.query(`select key, due_at, state from timers where kind = 'retention-daily' and tenant_id = $1`, [T]);
    expect(timer).toMatchObject({ state: 'pending', key: expect.stringMatching(new RegExp(`^${T}:\\d{4}-\\d{2}-\\d{2}$`)) });
    expect(new Date(timer.due_at).getUTCHours()).toBe(19);
    await sut.service.context.dataSource.query(`update timers set due_at = now() where kind = 'retention-daily' and key = $1`, [timer.key]);
    const runs = await eventually('the daily run', async () => {
      const res = await admin(T)('GET', '/v1/retention/runs');
      return res.body.items.length > 0 ? res.body.items : undefined;
    });
    expect(runs[0]).toMatchObject({ trigger: 'schedule', status: 'completed', total: 0, requestedBy: 'system:revisit' });
    const pending = await sut.service.context.dataSource.query(
      `select key from timers where kind = 'retention-daily' and tenant_id = $1 and state = 'pending'`, [T]);
    expect(pending).toHaveLength(1);
    expect(pending[0].key).not.toBe(timer.key);
  });

  it('exports a period as JSON lines with a header and a trailer, audited; the command writes the same file', async () => {
    const T = 'city-x';
    const closed = [await closeOne(T), await closeAtIntake(T), await closeOne(T)];
    const day = today();
    const res = await exportLines(T, day, day);
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/x-ndjson');
    const [header, ...rest] = res.lines;
    const trailer = rest.pop();
    expect(header).toMatchObject({ kind: 'export', format: 'archive-export/1', tenant: T, from: day, to: day, timeZone: 'Asia/Shanghai', total: 3 });
    expect(rest.map((l: Json) => [l.kind, l.sequence, l.requestId])).toEqual(closed.map((id, i) => ['record', i + 1, id]));
    const archive = await archiveOf(T);
    rest.forEach((l: Json, i: number) => {
      expect(l).toMatchObject({ recordHash: archive[i].recordHash, previousHash: archive[i].previousHash, archivedAt: archive[i].archivedAt, anonymised: null });
      expect(l.payload).toEqual(archive[i].record);
    });
    expect(trailer).toEqual({ kind: 'end', count: 3, lastHash: archive[2].recordHash });
    const [audit] = await query(sut, T, `select exported_by, from_day::text, to_day::text, total, count, last_hash, status from archive_exports`);
    expect(audit).toEqual({ exported_by: `${T}:user`, from_day: day, to_day: day, total: 3, count: 3, last_hash: archive[2].recordHash, status: 'completed' });

    // A period with nothing in it: a header and a trailer.
    const empty = await exportLines(T, '2020-01-01', '2020-01-31', ['tenant-admin']);
    expect(empty.lines).toEqual([expect.objectContaining({ kind: 'export', total: 0 }), { kind: 'end', count: 0, lastHash: null }]);

    // The command: the same lines (but for the header's own id and time), progress on stderr.
    const out = join(mkdtempSync(join(tmpdir(), 'archive-export-')), 'export.ndjson');
    const progress: string[] = [];
    const cli = await runExportArchive({ DATABASE_URL: sut.db.url, TENANT: T, FROM: day, TO: day, OUT: out, EXPORTED_BY: 'records-office' }, {
      progress: (line) => progress.push(line),
    });
    expect(cli).toMatchObject({ exitCode: 0 });
    expect(cli.output).toContain(`3 records written to ${out}`);
    expect(progress).toEqual([`export of ${T}: 3/3\n`]);
    const file = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(file.slice(1)).toEqual(res.lines.slice(1));
    expect(file[0]).toMatchObject({ ...header, exportId: expect.any(String), exportedAt: expect.any(String) });
    const audits = await query(sut, T, `select exported_by, count from archive_exports order by started_at`);
    expect(audits.map((a: Json) => a.exported_by)).toEqual([`${T}:user`, `${T}:user`, 'records-office']);
    const badCli = await runExportArchive({ DATABASE_URL: sut.db.url, TENANT: T, FROM: '2025-02-01', TO: '2025-01-01' }, { progress: () => undefined });
    expect(badCli.exitCode).toBe(78);
    expect(badCli.output).toContain('FROM');

    // Bad periods name their field; only supervisors and administrators export.
    const bad = await sut.as(T, ['supervisor'])('GET', '/v1/archive/export?from=2025-13-01&to=2025-01-01');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.from']);
    const reversed = await sut.as(T, ['supervisor'])('GET', '/v1/archive/export?from=2025-02-01&to=2025-01-01');
    expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'query.from' })]);
    expect((await sut.as(T, ['supervisor'])('GET', '/v1/archive/export?from=2025-01-01')).body.errors).toEqual([expect.objectContaining({ field: 'query.to' })]);
    expect((await sut.as(T, ['agent'])('GET', `/v1/archive/export?from=${day}&to=${day}`)).status).toBe(403);
  });

  it('exports anonymised links with their seals', async () => {
    const T = 'city-y';
    await closeOne(T);
    const run = await admin(T)('POST', '/v1/retention/runs', { asOf: new Date(Date.now() + 11 * YEAR_MS).toISOString() });
    await runUntilDone(T, run.body.id);
    const { lines } = await exportLines(T, today(), today());
    expect(lines.map((l: Json) => l.kind)).toEqual(['export', 'record', 'record', 'end']);
    expect(lines[1]).toMatchObject({ sequence: 1, anonymised: { runId: run.body.id, entry: 2, anonymisedHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(lines[1].payload.request.title).toBe(ANONYMISED_MARKER);
    expect(lines[2].payload).toMatchObject({ format: 'anonymisation/1', records: [{ sequence: 1, anonymisedHash: lines[1].anonymised.anonymisedHash }] });
    expect(lines[3]).toEqual({ kind: 'end', count: 2, lastHash: lines[2].recordHash });
  });
});
