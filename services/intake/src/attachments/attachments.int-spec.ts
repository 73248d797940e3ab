import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { configureTenant, contact, outboxEvents } from '../../test/intake-fixtures';
import { dispatched, PRIMARY } from '../../test/lifecycle-events';
import { intakeService } from '../intake.service';

// Samples made here: a 1×1 PNG, a text, and a Windows executable (the "MZ" header) to disguise.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const TEXT = Buffer.from('来电人补充：路灯自上周起不亮。\n', 'utf8');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.')]);

describe('attachments of requests (real PostgreSQL and NATS, local-disk store)', () => {
  let sut: ServiceUnderTest;
  const dir = mkdtempSync(join(tmpdir(), 'hotline-intake-attachments-'));
  const token = (roles: Role[], unit?: string, tenant = 'city-a') => sut.token(tenant, roles, unit);
  const rows = (tenant: string, sql: string, params: unknown[] = []) => sut.service.context.db.run(tenant, (m) => m.query(sql, params));
  /** Every file the store holds, as paths under its directory. */
  const storedFiles = (): string[] => {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    return walk(dir).map((p) => p.slice(dir.length + 1)).sort();
  };

  async function upload(bearer: string, requestId: string, bytes: Buffer, type: string | undefined, filename = 'file', headers: Record<string, string> = {}) {
    const res = await fetch(`${sut.service.httpUrl}/v1/requests/${requestId}/attachments?filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, ...(type ? { 'content-type': type } : {}), ...headers },
      body: new Uint8Array(bytes),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  const download = (bearer: string, requestId: string, attachmentId: string, query = '?purpose=handle-request') =>
    fetch(`${sut.service.httpUrl}/v1/requests/${requestId}/attachments/${attachmentId}${query}`, { headers: { authorization: `Bearer ${bearer}` } });
  const list = async (bearer: string, requestId: string) => sut.request('GET', `/v1/requests/${requestId}/attachments`, bearer);

  async function newRequest(overrides: Record<string, unknown> = {}) {
    const res = await sut.as('city-a', ['agent'])('POST', '/v1/requests', contact(overrides));
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService, { env: { ATTACHMENT_DIR: dir } });
    await configureTenant(sut, 'city-a');
    await configureTenant(sut, 'city-b');
  });
  afterAll(async () => {
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a file from an agent, lists it to the hotline and the primary unit, and serves it as a download, audited', async () => {
    const request = await newRequest();
    const agent = await token(['agent']);
    const added = await upload(agent, request.id, PNG, 'image/png', 'C:\\fakepath\\现场照片 13812345678.png');
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      ownerKind: 'request',
      ownerId: request.id,
      filename: '现场照片 138****5678.png',
      contentType: 'image/png',
      size: PNG.length,
      scanResult: 'not-scanned',
      uploadedBy: 'city-a:user',
    });
    expect(added.body).not.toHaveProperty('storageKey');
    expect(storedFiles()).toEqual([`city-a/request/${request.id}/${added.body.id}`]);

    for (const roles of [['agent'], ['dispatcher'], ['reviewer'], ['supervisor'], ['tenant-admin']] as Role[][])
      expect((await list(await token(roles), request.id)).body.items.map((a: { id: string }) => a.id)).toEqual([added.body.id]);

    const res = await download(agent, request.id, added.body.id);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(PNG.length),
      'content-disposition': `attachment; filename="____ 138****5678.png"; filename*=UTF-8''${encodeURIComponent('现场照片 138')}%2A%2A%2A%2A5678.png`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'no-store',
    });
    const log = await rows('city-a', `select subject, roles, fields, purpose from pii_access_log where request_id = $1`, [request.id]);
    expect(log).toEqual([{ subject: 'city-a:user', roles: ['agent'], fields: [`attachment:${added.body.id}`], purpose: 'handle-request' }]);

    // A download states its purpose, like any clear read; without one nothing is served or logged.
    const unstated = await download(agent, request.id, added.body.id, '');
    expect(unstated.status).toBe(400);
    expect(((await unstated.json()) as { errors: unknown }).errors).toEqual([expect.objectContaining({ field: 'query.purpose' })]);

    // The primary unit's staff read it once the request is dispatched to them; no other unit learns of it.
    // Staff tokens carry their unit's code, not dispatch's id of it.
    const unit = await token(['unit-operator'], 'xw-zj');
    expect((await list(await token(['unit-operator'], PRIMARY), request.id)).status).toBe(404);
    expect((await list(unit, request.id)).status).toBe(404);
    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, request.id);
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(accepted!.request!, 2));
    await eventually('the dispatch', async () => (await sut.as('city-a', ['agent'])('GET', `/v1/requests/${request.id}`)).body.primaryUnitId === PRIMARY);
    expect((await list(unit, request.id)).body.items).toHaveLength(1);
    expect((await download(unit, request.id, added.body.id)).status).toBe(200);
    const other = await token(['unit-operator'], 'unit-other');
    expect((await list(other, request.id)).status).toBe(404);
    expect((await download(other, request.id, added.body.id)).status).toBe(404);
    // Units and dispatchers do not add to a request.
    expect((await upload(unit, request.id, PNG, 'image/png')).status).toBe(403);
    expect((await upload(await token(['dispatcher']), request.id, PNG, 'image/png')).status).toBe(403);
    expect(storedFiles()).toHaveLength(1);
  });

  it('refuses a disguised file (415), one over the tenant limit (413), one too many (409) and bad names (400), storing nothing', async () => {
    const request = await newRequest();
    const agent = await token(['agent']);
    const before = storedFiles();
    const disguised = await upload(agent, request.id, EXE, 'application/pdf', 'invoice.pdf');
    expect(disguised).toMatchObject({ status: 415, body: { code: 'unsupported_attachment_type', errors: [{ field: 'header.content-type' }] } });
    expect(disguised.body.errors[0].message).toBe('declared application/pdf, but the bytes are a Windows executable');
    expect((await upload(agent, request.id, EXE, 'application/x-msdownload', 'setup.exe')).status).toBe(415);
    expect((await upload(agent, request.id, TEXT, undefined, 'note.txt')).body.errors).toEqual([expect.objectContaining({ field: 'header.content-type' })]);
    expect((await upload(agent, request.id, Buffer.from('{"a":1}'), 'application/json', 'a.json')).status).toBe(415);
    expect((await upload(agent, request.id, PNG, 'image/png', 'a\u202Egnp.exe')).body.errors).toEqual([expect.objectContaining({ field: 'query.filename' })]);
    const noName = await fetch(`${sut.service.httpUrl}/v1/requests/${request.id}/attachments`, {
      method: 'POST', headers: { authorization: `Bearer ${agent}`, 'content-type': 'image/png' }, body: new Uint8Array(PNG),
    });
    expect(noName.status).toBe(400);
    expect((await upload(agent, request.id, Buffer.alloc(0), 'image/png')).status).toBe(400);

    const admin = sut.as('city-a', ['tenant-admin']);
    expect((await admin('PUT', '/v1/attachment-policy', { maxFileBytes: 1024, maxFilesPerOwner: 1 })).body).toMatchObject({ maxFileBytes: 1024, maxFilesPerOwner: 1, source: 'tenant' });
    const tooLarge = await upload(agent, request.id, Buffer.concat([PNG, Buffer.alloc(1024)]), 'image/png');
    expect(tooLarge).toMatchObject({ status: 413, body: { code: 'attachment_too_large', errors: [{ field: '(body)' }] } });
    expect(storedFiles()).toEqual(before);
    expect(await rows('city-a', `select 1 from attachments where owner_id = $1`, [request.id])).toEqual([]);

    await admin('PUT', '/v1/attachment-policy', { maxFileBytes: 1024 * 1024, maxFilesPerOwner: 1, contentTypes: ['image/png', 'text/plain'] });
    expect((await upload(agent, request.id, PNG, 'image/png')).status).toBe(201);
    expect((await upload(agent, request.id, TEXT, 'text/plain')).body).toMatchObject({ code: 'too_many_attachments' });
    expect((await upload(agent, (await newRequest()).id, Buffer.from('%PDF-1.7\n%%EOF\n'), 'application/pdf')).body.errors[0].message).toMatch(/not taken by this hotline/);
    // The platform's ceiling is the route's body limit: a body declared larger is refused before it is read.
    const refusedEarly = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${sut.service.httpUrl}/v1/requests/${request.id}/attachments?filename=big.png`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agent}`, 'content-type': 'image/png', 'content-length': String(60 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => (body += d)).on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      });
      req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)));
      req.write(PNG);
    });
    expect(refusedEarly.status).toBe(413);
    expect(JSON.parse(refusedEarly.body).errors).toEqual([expect.objectContaining({ field: '(body)' })]);
    expect(await rows('city-a', `select count(*)::int as n from attachments where owner_id = $1`, [request.id])).toEqual([{ n: 1 }]);
    expect((await admin('PUT', '/v1/attachment-policy', { maxFileBytes: 60 * 1024 * 1024, maxFilesPerOwner: 1 })).body.errors).toEqual([
      expect.objectContaining({ field: 'maxFileBytes' }),
    ]);
    await admin('PUT', '/v1/attachment-policy', { maxFileBytes: 10 * 1024 * 1024, maxFilesPerOwner: 20 });
  });

  it('keeps a confidential request’s files for supervisors, adds nothing to a closed request, and crosses no tenant', async () => {
    const secret = await newRequest({ requester: { name: '王五', phone: '13900001111', confidential: true } });
    const agent = await token(['agent']);
    const added = await upload(agent, secret.id, TEXT, 'text/plain; charset=utf-8', '录音转写.txt');
    expect(added.status).toBe(201);
    expect((await list(agent, secret.id)).status).toBe(403);
    expect((await download(await token(['dispatcher']), secret.id, added.body.id)).status).toBe(403);
    const supervisor = await token(['supervisor']);
    expect((await list(supervisor, secret.id)).body.items).toHaveLength(1);
    const served = await download(supervisor, secret.id, added.body.id, '?purpose=supervision');
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(TEXT);

    const answered = await newRequest({ scope: { decision: 'direct-answer', answer: '已告知办理地点' } });
    expect((await upload(agent, answered.id, PNG, 'image/png')).status).toBe(409);

    // Another tenant: its staff find neither the request nor the file; its id under their request finds nothing either.
    const stranger = await token(['supervisor'], undefined, 'city-b');
    expect((await list(stranger, secret.id)).status).toBe(404);
    expect((await download(stranger, secret.id, added.body.id)).status).toBe(404);
    expect((await upload(await token(['agent'], undefined, 'city-b'), secret.id, PNG, 'image/png')).status).toBe(404);
    const own = (await sut.as('city-b', ['agent'])('POST', '/v1/requests', contact())).body;
    expect((await download(stranger, own.id, added.body.id)).status).toBe(404);
    expect(await rows('city-b', `select count(*)::int as n from attachments`)).toEqual([{ n: 0 }]);
  });

  it('replays an upload retried with its Idempotency-Key, and leaves the JSON routes as they were', async () => {
    const request = await newRequest();
    const agent = await token(['agent']);
    const first = await upload(agent, request.id, PNG, 'image/png', 'a.png', { 'idempotency-key': `att-${request.id}` });
    const again = await upload(agent, request.id, PNG, 'image/png', 'a.png', { 'idempotency-key': `att-${request.id}` });
    expect(again).toEqual(first);
    expect(await rows('city-a', `select count(*)::int as n from attachments where owner_id = $1`, [request.id])).toEqual([{ n: 1 }]);
    expect((await upload(agent, request.id, TEXT, 'text/plain', 'a.png', { 'idempotency-key': `att-${request.id}` })).status).toBe(422);

    // A JSON route still refuses text (its schema, naming the body) and other types (415).
    const post = (type: string, body: string) =>
      fetch(`${sut.service.httpUrl}/v1/channels`, { method: 'POST', headers: { authorization: `Bearer ${agent}`, 'content-type': type }, body });
    const admin = await token(['tenant-admin']);
    const asAdmin = (type: string, body: string) =>
      fetch(`${sut.service.httpUrl}/v1/channels`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': type }, body });
    expect((await post('text/plain', 'x')).status).toBe(403); // roles before the body
    expect((await asAdmin('text/plain', '{"code":"x"}')).status).toBe(400);
    expect((await asAdmin('application/xml', '<a/>')).status).toBe(415);
    expect((await asAdmin('image/png', 'x')).status).toBe(415);
    const nowhere = await fetch(`${sut.service.httpUrl}/v1/nowhere`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'image/png' }, body: 'x' });
    expect(nowhere.status).toBe(404);

    // The document states the raw body by its types, the file name and who may call.
    const doc = (await sut.request('GET', '/docs/openapi.json')).body;
    const op = doc.paths['/v1/requests/{id}/attachments'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(expect.arrayContaining(['application/pdf', 'image/png', 'audio/amr']));
    expect(op.requestBody.content['application/json']).toBeUndefined();
    expect(op.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'filename', in: 'query', required: true })]));
    expect(op['x-roles']).toEqual(['agent', 'supervisor']);
  });
});
