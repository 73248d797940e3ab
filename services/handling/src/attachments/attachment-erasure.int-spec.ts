import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTACHMENT_ERASURE_TIMER } from '@hotline/attachments';
import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { assignment, brief, dispatchAndWait, dispatched } from '../../test/work-order-fixtures';
import { handlingService } from '../handling.service';

// Retention erases the attachments of a request's work orders and 督办 orders (ADR 0033): the
// rows are marked erased in the inbox transaction of RequestAnonymised, the bytes deleted from
// the store by the erasure timers. Real PostgreSQL and NATS, the local-disk store. (The retry on
// a failing store is shown in intake's attachment-erasure suite: the worker is the same.)
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const TEXT = Buffer.from('整改前后照片说明：联系人王女士 13900001111\n', 'utf8');

describe('handling: attachment bytes of answers and 督办 replies erased with their request', () => {
  let sut: ServiceUnderTest;
  const dir = mkdtempSync(join(tmpdir(), 'hotline-handling-erasure-'));
  const fileOf = (storageKey: string) => join(dir, ...storageKey.split('/'));

  const upload = async (tenant: string, unit: string, path: string, bytes: Buffer, type: string, filename: string) => {
    const res = await fetch(`${sut.service.httpUrl}${path}/attachments?filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await sut.token(tenant, ['unit-operator'], unit)}`, 'content-type': type },
      body: new Uint8Array(bytes),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  };
  const download = async (tenant: string, path: string, id: string) =>
    fetch(`${sut.service.httpUrl}${path}/attachments/${id}?purpose=handle-request`, { headers: { authorization: `Bearer ${await sut.token(tenant, ['supervisor'])}` } });
  const rows = (tenant: string, ids: string[]) =>
    sut.service.context.db.run(tenant, (m) =>
      m.query(
        `select id, owner_kind, owner_id, filename, content_type, size_bytes::int as size, sha256, storage_key, uploaded_at, erased_at
         from attachments where id = any($1::uuid[]) order by uploaded_at, id`,
        [ids],
      ),
    );
  const erasureTimers = (ids: string[]) =>
    sut.service.context.dataSource.query(`select key, tenant_id, state, attempts from timers where kind = $1 and key = any($2) order by key collate "C"`, [
      ATTACHMENT_ERASURE_TIMER,
      ids,
    ]);
  const anonymise = (tenant: string, requestId: string) =>
    publishEvent(sut, Events.revisit.requestAnonymised, tenant, { requestId, anonymisedAt: new Date().toISOString(), runId: uuidv7() });

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService, { env: { ATTACHMENT_DIR: dir } });
  });
  afterAll(async () => {
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deletes the bytes of the orders’ and the 督办 replies’ files, keeps what the archive names, answers 410; touches nothing else', async () => {
    const request = brief({ title: '燃气停供' });
    const [order] = await dispatchAndWait(sut, 'city-a', dispatched(request, [assignment('u-gas')]), 1);
    const orderPath = `/v1/work-orders/${order.id}`;
    const evidence = await upload('city-a', 'u-gas', orderPath, PDF, 'application/pdf', '整改通知书.pdf');
    const opened = await sut.as('city-a', ['supervisor'])('POST', '/v1/supervision-orders', { workOrderId: order.id, source: 'leader-instruction', instruction: '请三日内答复' });
    expect(opened.status).toBe(201);
    const supervisionPath = `/v1/supervision-orders/${opened.body.id}`;
    const reply = await upload('city-a', 'u-gas', supervisionPath, TEXT, 'text/plain', '核查说明.txt');

    // The same tenant's other request, and another tenant's order of the same request id (RLS keeps them apart).
    const [other] = await dispatchAndWait(sut, 'city-a', dispatched(brief(), [assignment('u-gas')]), 1);
    const otherFile = await upload('city-a', 'u-gas', `/v1/work-orders/${other.id}`, PDF, 'application/pdf', '其他.pdf');
    const [twin] = await dispatchAndWait(sut, 'city-b', dispatched(brief({ requestId: request.requestId }), [assignment('u-gas')]), 1);
    const twinFile = await upload('city-b', 'u-gas', `/v1/work-orders/${twin.id}`, PDF, 'application/pdf', '他市.pdf');
    const before = await rows('city-a', [evidence.id, reply.id]);
    const untouched = [...(await rows('city-a', [otherFile.id])), ...(await rows('city-b', [twinFile.id]))];
    expect([...before, ...untouched].every((r: { storage_key: string }) => existsSync(fileOf(r.storage_key)))).toBe(true);

    await anonymise('city-a', request.requestId);
    await eventually('the bytes deleted', async () => before.every((r: { storage_key: string }) => !existsSync(fileOf(r.storage_key))) || undefined);
    const after = await rows('city-a', [evidence.id, reply.id]);
    expect(after).toEqual(before.map((r: Record<string, unknown>) => ({ ...r, filename: ANONYMISED_MARKER, erased_at: expect.any(Date) })));
    expect(after.map((r: { owner_kind: string }) => r.owner_kind)).toEqual(['work-order', 'supervision-order']);
    const timers = await erasureTimers([evidence.id, reply.id]);
    expect(timers).toEqual([evidence.id, reply.id].sort().map((key) => ({ key, tenant_id: 'city-a', state: 'fired', attempts: 1 })));

    // Listed as erased, with size and digest; a download is a 410 problem, and no clear read is logged.
    const listed = await sut.as('city-a', ['supervisor'])('GET', `${supervisionPath}/attachments`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: reply.id, filename: ANONYMISED_MARKER, size: TEXT.length, sha256: before[1].sha256, erasedAt: expect.any(String) }),
    ]);
    for (const [path, id] of [[orderPath, evidence.id], [supervisionPath, reply.id]] as const) {
      const res = await download('city-a', path, id);
      expect(res.status).toBe(410);
      expect(await res.json()).toMatchObject({ status: 410, code: 'attachment_erased' });
    }
    const logged = await sut.service.context.db.run('city-a', (m) => m.query(`select 1 from pii_access_log where work_order_id = $1`, [order.id]));
    expect(logged).toEqual([]);

    // Another message of the same fact changes nothing.
    await anonymise('city-a', request.requestId);
    await eventually('the second message applied', async () => {
      const [{ n }] = await sut.service.context.dataSource.query(`select count(*)::int as n from inbox where consumer like '%retention'`);
      return n >= 2 || undefined;
    });
    expect(await rows('city-a', [evidence.id, reply.id])).toEqual(after);
    expect(await erasureTimers([evidence.id, reply.id])).toEqual(timers);

    // The other request's file and the other tenant's: as they were, still served.
    expect([...(await rows('city-a', [otherFile.id])), ...(await rows('city-b', [twinFile.id]))]).toEqual(untouched);
    for (const r of untouched) expect(existsSync(fileOf(r.storage_key))).toBe(true);
    expect(Buffer.from(await (await download('city-b', `/v1/work-orders/${twin.id}`, twinFile.id)).arrayBuffer())).toEqual(PDF);
    expect((await download('city-a', `/v1/work-orders/${other.id}`, otherFile.id)).status).toBe(200);
    expect(await erasureTimers([otherFile.id, twinFile.id])).toEqual([]);
  });
});
