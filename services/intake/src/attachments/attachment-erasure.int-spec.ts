import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTACHMENT_ERASURE_TIMER } from '@hotline/attachments';
import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { configureTenant, contact } from '../../test/intake-fixtures';
import { S3StandIn } from '../../test/s3-stand-in';
import { intakeService } from '../intake.service';

// Retention erases a request's attachments (ADR 0033): on RequestAnonymised the rows are marked
// erased in the inbox transaction and the bytes deleted from the store by the erasure timers,
// retried until the store says yes. Real PostgreSQL and NATS; the store is the local directory,
// then an S3-compatible one on loopback that fails on demand (reached through the real S3Storage).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const TEXT = Buffer.from('来电人补充：路灯自上周起不亮，联系13900001111。\n', 'utf8');

async function upload(sut: ServiceUnderTest, tenant: string, requestId: string, bytes: Buffer, type: string, filename: string) {
  const res = await fetch(`${sut.service.httpUrl}/v1/requests/${requestId}/attachments?filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await sut.token(tenant, ['agent'])}`, 'content-type': type },
    body: new Uint8Array(bytes),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}
const download = async (sut: ServiceUnderTest, tenant: string, requestId: string, id: string) =>
  fetch(`${sut.service.httpUrl}/v1/requests/${requestId}/attachments/${id}?purpose=handle-request`, {
    headers: { authorization: `Bearer ${await sut.token(tenant, ['supervisor'])}` },
  });
async function newRequest(sut: ServiceUnderTest, tenant: string): Promise<string> {
  const res = await sut.as(tenant, ['agent'])('POST', '/v1/requests', contact());
  expect(res.status).toBe(201);
  return res.body.id;
}
const anonymise = (sut: ServiceUnderTest, tenant: string, requestId: string, scope: { identity?: boolean; freeText?: boolean } = {}) =>
  publishEvent(sut, Events.revisit.requestAnonymised, tenant, { requestId, anonymisedAt: new Date().toISOString(), runId: uuidv7(), ...scope });
const attachmentRows = (sut: ServiceUnderTest, tenant: string, requestId: string) =>
  sut.service.context.db.run(tenant, (m) =>
    m.query(
      `select id, filename, content_type, declared_content_type, size_bytes::int as size, sha256, storage_key, uploaded_at, erased_at
       from attachments where owner_id = $1 order by uploaded_at, id`,
      [requestId],
    ),
  );
const erasureTimers = (sut: ServiceUnderTest, ids: string[]) =>
  sut.service.context.dataSource.query(
    `select key, tenant_id, state, attempts, last_error, fired_at from timers where kind = $1 and key = any($2) order by key collate "C"`,
    [ATTACHMENT_ERASURE_TIMER, ids],
  );
const retentionEventsApplied = async (sut: ServiceUnderTest) =>
  (await sut.service.context.dataSource.query(`select count(*)::int as n from inbox where consumer like '%retention'`))[0].n as number;

describe('intake: attachment bytes erased with their request (local-disk store)', () => {
  let sut: ServiceUnderTest;
  const dir = mkdtempSync(join(tmpdir(), 'hotline-intake-erasure-'));
  const fileOf = (storageKey: string) => join(dir, ...storageKey.split('/'));

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService, { env: { ATTACHMENT_DIR: dir } });
    await configureTenant(sut, 'city-a');
    await configureTenant(sut, 'city-b');
  });
  afterAll(async () => {
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deletes the bytes, keeps size, digest, types and times, answers 410; a second message, a request of another tenant: nothing', async () => {
    const expired = await newRequest(sut, 'city-a');
    const photo = await upload(sut, 'city-a', expired, PNG, 'image/png', '现场照片.png');
    const note = await upload(sut, 'city-a', expired, TEXT, 'text/plain', '补充说明.txt');
    const kept = await newRequest(sut, 'city-a');
    const keptFile = await upload(sut, 'city-a', kept, PNG, 'image/png', '另一件.png');
    const elsewhere = await newRequest(sut, 'city-b');
    const elsewhereFile = await upload(sut, 'city-b', elsewhere, PNG, 'image/png', '他市.png');
    const before = await attachmentRows(sut, 'city-a', expired);
    expect(before.map((r: { storage_key: string }) => existsSync(fileOf(r.storage_key)))).toEqual([true, true]);
    const otherBefore = [...(await attachmentRows(sut, 'city-a', kept)), ...(await attachmentRows(sut, 'city-b', elsewhere))];

    // The same request id announced by another tenant's run finds nothing there (city-b does not hold it).
    await anonymise(sut, 'city-b', expired);
    await anonymise(sut, 'city-a', expired);
    await eventually('the bytes deleted', async () =>
      before.every((r: { storage_key: string }) => !existsSync(fileOf(r.storage_key))) || undefined,
    );
    const after = await attachmentRows(sut, 'city-a', expired);
    expect(after).toEqual(
      before.map((r: Record<string, unknown>) => ({ ...r, filename: ANONYMISED_MARKER, erased_at: expect.any(Date) })),
    );
    expect(after.map((r: { size: number; sha256: string }) => [r.size, r.sha256])).toEqual([
      [PNG.length, expect.stringMatching(/^[0-9a-f]{64}$/)],
      [TEXT.length, expect.stringMatching(/^[0-9a-f]{64}$/)],
    ]);
    const timers = await erasureTimers(sut, [photo.id, note.id]);
    expect(timers).toEqual(
      [photo.id, note.id].sort().map((key) => ({ key, tenant_id: 'city-a', state: 'fired', attempts: 1, last_error: null, fired_at: expect.any(Date) })),
    );

    // Listed as erased; downloaded: 410 with the problem's code, nothing read and so nothing logged.
    const list = await sut.as('city-a', ['supervisor'])('GET', `/v1/requests/${expired}/attachments`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: photo.id, filename: ANONYMISED_MARKER, size: PNG.length, sha256: before[0].sha256, contentType: 'image/png', erasedAt: expect.any(String) }),
      expect.objectContaining({ id: note.id, filename: ANONYMISED_MARKER, size: TEXT.length, sha256: before[1].sha256, erasedAt: expect.any(String) }),
    ]);
    const gone = await download(sut, 'city-a', expired, photo.id);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await gone.json()).toMatchObject({ status: 410, code: 'attachment_erased' });
    const logged = await sut.service.context.db.run('city-a', (m) => m.query(`select fields from pii_access_log where request_id = $1`, [expired]));
    expect(logged).toEqual([]);

    // Another message of the same fact (a replay past the inbox): rows and timers stay as they are.
    await anonymise(sut, 'city-a', expired);
    await eventually('the third message applied', async () => ((await retentionEventsApplied(sut)) >= 3 ? true : undefined));
    expect(await attachmentRows(sut, 'city-a', expired)).toEqual(after);
    expect(await erasureTimers(sut, [photo.id, note.id])).toEqual(timers);

    // The tenant's other request and the other tenant's file: untouched, still served.
    expect([...(await attachmentRows(sut, 'city-a', kept)), ...(await attachmentRows(sut, 'city-b', elsewhere))]).toEqual(otherBefore);
    for (const r of otherBefore) expect(existsSync(fileOf(r.storage_key))).toBe(true);
    expect(Buffer.from(await (await download(sut, 'city-a', kept, keptFile.id)).arrayBuffer())).toEqual(PNG);
    expect(Buffer.from(await (await download(sut, 'city-b', elsewhere, elsewhereFile.id)).arrayBuffer())).toEqual(PNG);
    expect(await erasureTimers(sut, [keptFile.id, elsewhereFile.id])).toEqual([]);
  });

  it('erases the files when the policy removes identity only (a file is identity and content at once)', async () => {
    const request = await newRequest(sut, 'city-a');
    const file = await upload(sut, 'city-a', request, PNG, 'image/png', '身份证照片.png');
    const [row] = await attachmentRows(sut, 'city-a', request);
    await anonymise(sut, 'city-a', request, { identity: true, freeText: false });
    await eventually('the bytes deleted', async () => !existsSync(fileOf(row.storage_key)) || undefined);
    // Free text stays under this policy, the file's name with it.
    expect(await attachmentRows(sut, 'city-a', request)).toEqual([{ ...row, erased_at: expect.any(Date) }]);
    expect((await download(sut, 'city-a', request, file.id)).status).toBe(410);
  });
});

describe('intake: attachment bytes erased from an S3-compatible store that fails at first', () => {
  let sut: ServiceUnderTest;
  let store: S3StandIn;

  beforeAll(async () => {
    store = await S3StandIn.start();
    sut = await startServiceUnderTest(intakeService, { env: store.env('intake') });
    await configureTenant(sut, 'city-a');
  });
  afterAll(async () => {
    await sut?.close();
    await store?.close();
  });

  it('retries a failed delete with backoff until the store takes it; a delete of what is gone is done', async () => {
    const request = await newRequest(sut, 'city-a');
    const file = await upload(sut, 'city-a', request, PNG, 'image/png', '现场照片.png');
    const [path] = store.pathsOf(file.id);
    expect(path).toBe(`/hotline-test/intake/city-a/request/${request}/${file.id}`);

    // The store is busy for the first two attempts (2 s, then 4 s of backoff: room to look in between).
    store.failNext('DELETE', 2);
    await anonymise(sut, 'city-a', request);
    // A refused attempt: the timer waits its backoff with the error kept, the bytes still there.
    const retrying = await eventually('the first delete refused', async () => {
      const [t] = await erasureTimers(sut, [file.id]);
      return t?.attempts >= 1 && t.state === 'pending' ? t : undefined;
    });
    expect(retrying.last_error).toMatch(/503/);
    expect(store.objects.has(path!)).toBe(true);
    // Never served meanwhile: erased is erased, whatever the store still holds.
    expect((await download(sut, 'city-a', request, file.id)).status).toBe(410);

    const [done] = await eventually('the delete retried', async () => {
      const timers = await erasureTimers(sut, [file.id]);
      return timers[0]?.state === 'fired' ? timers : undefined;
    }, 30_000);
    expect(done).toMatchObject({ state: 'fired', attempts: 3, last_error: null });
    expect(store.objects.has(path!)).toBe(false);
    expect(store.log.filter((l) => l.startsWith('DELETE'))).toEqual([`DELETE ${path} 503`, `DELETE ${path} 503`, `DELETE ${path} 204`]);
    const [row] = await attachmentRows(sut, 'city-a', request);
    expect(row).toMatchObject({ size: PNG.length, erased_at: expect.any(Date) });

    // Bytes already gone from the store (removed by hand, or a delete whose answer was lost): done all the same.
    const second = await newRequest(sut, 'city-a');
    const lost = await upload(sut, 'city-a', second, TEXT, 'text/plain', 'note.txt');
    store.objects.delete(store.pathsOf(lost.id)[0]!);
    await anonymise(sut, 'city-a', second);
    await eventually('the erasure of nothing done', async () => ((await erasureTimers(sut, [lost.id]))[0]?.state === 'fired' ? true : undefined));
    const [{ n }] = await sut.service.context.dataSource.query(`select count(*)::int as n from dead_letters`);
    expect(n).toBe(0);
  });
});
