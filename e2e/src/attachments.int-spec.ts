import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@hotline/testing';
import { LocalPlatform } from './support/platform';

// Attachments (附件, issue 12, ADR 0028) through the public APIs of the whole platform started by
// the README's start command, on its default store (files under the state directory): a call
// recording on a request, evidence on the unit's answer, a file on a 督办 reply — uploaded,
// listed and downloaded by the right roles only; refused for the wrong role, another unit and
// another tenant, and for an oversize or a disguised file, with nothing stored on a refusal.
describe('attachments end to end', () => {
  let p: LocalPlatform;
  let tokens: Record<string, Record<string, string>>;
  const [NJ, WX] = ['city-3201', 'city-3202'];
  const as = (role: string, tenant = NJ) => tokens[tenant]![role]!;

  // An MP3 frame (a call recording's first bytes), a PDF, and a Windows executable to disguise.
  const MP3 = Buffer.concat([Buffer.from('ID3'), Buffer.from([0x03, 0, 0, 0, 0, 0, 0]), Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(2048)]);
  const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.')]);

  beforeAll(async () => {
    p = await LocalPlatform.start();
    tokens = p.tokens();
  }, 180_000);
  afterAll(() => p?.destroy(), 60_000);

  /** Every file the default stores hold, under the state directory. */
  const storedFiles = (): string[] => {
    const root = join(p.stateDir, 'attachments');
    if (!existsSync(root)) return [];
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    return walk(root).map((f) => f.slice(root.length + 1)).sort();
  };
  async function upload(service: 'intake' | 'handling', path: string, bearer: string | undefined, bytes: Buffer, type: string, filename: string) {
    const res = await fetch(`${p.url(service)}${path}/attachments?filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'content-type': type },
      body: new Uint8Array(bytes),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  const download = (service: 'intake' | 'handling', path: string, id: string, bearer: string) =>
    fetch(`${p.url(service)}${path}/attachments/${id}?purpose=handle-request`, { headers: { authorization: `Bearer ${bearer}` } });
  const listed = async (service: 'intake' | 'handling', path: string, bearer: string) => {
    const res = await p.api(service, 'GET', `${path}/attachments`, bearer);
    return res.status === 200 ? (res.body.items as Array<{ id: string }>).map((a) => a.id) : res.status;
  };

  it('uploads, lists and downloads by the right roles only, and refuses the rest storing nothing', async () => {
    // A complaint the catalog gives to hrss (08); the agent attaches the call recording.
    const created = await p.api('intake', 'POST', '/v1/requests', as('agent'), {
      channel: 'phone', requester: { name: '王五', phone: '13900002222' }, title: '养老保险转移接续办不了',
      content: '外地养老保险转入本市两个月未办结', areaCode: '320104', requestType: 'complaint', urgency: 'normal',
      categoryCode: '080101', scope: { decision: 'in-scope' },
    });
    expect(created.status).toBe(201);
    const request = `/v1/requests/${created.body.id}`;
    const recording = await upload('intake', request, as('agent'), MP3, 'audio/mpeg', '来电录音.mp3');
    expect(recording).toMatchObject({ status: 201, body: { contentType: 'audio/mpeg', filename: '来电录音.mp3', size: MP3.length } });
    expect(storedFiles()).toEqual([`intake/${NJ}/request/${created.body.id}/${recording.body.id}`]);
    for (const role of ['agent', 'dispatcher', 'reviewer', 'supervisor', 'tenant-admin']) expect(await listed('intake', request, as(role))).toEqual([recording.body.id]);
    const heard = await download('intake', request, recording.body.id, as('supervisor'));
    expect(heard.status).toBe(200);
    expect(heard.headers.get('content-type')).toBe('audio/mpeg');
    expect(heard.headers.get('content-disposition')).toBe(`attachment; filename="____.mp3"; filename*=UTF-8''${encodeURIComponent('来电录音')}.mp3`);
    expect(heard.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await heard.arrayBuffer())).toEqual(MP3);

    // Refused: no token (401), a role that does not attach to requests (403), another tenant (404),
    // a disguised file (415), a file over the tenant's limit (413) — and nothing is stored.
    const before = storedFiles();
    expect((await upload('intake', request, undefined, MP3, 'audio/mpeg', 'a.mp3')).status).toBe(401);
    expect((await upload('intake', request, as('dispatcher'), MP3, 'audio/mpeg', 'a.mp3')).status).toBe(403);
    expect((await upload('intake', request, as('agent', WX), MP3, 'audio/mpeg', 'a.mp3')).status).toBe(404);
    expect(await listed('intake', request, as('supervisor', WX))).toBe(404);
    expect((await download('intake', request, recording.body.id, as('supervisor', WX))).status).toBe(404);
    const disguised = await upload('intake', request, as('agent'), EXE, 'application/pdf', '发票.pdf');
    expect(disguised).toMatchObject({ status: 415, body: { code: 'unsupported_attachment_type', errors: [{ field: 'header.content-type' }] } });
    const policy = (body: unknown) => p.api('intake', 'PUT', '/v1/attachment-policy', as('tenant-admin'), body);
    expect((await policy({ maxFileBytes: 1024, maxFilesPerOwner: 20 })).status).toBe(200);
    const oversize = await upload('intake', request, as('agent'), MP3, 'audio/mpeg', '长录音.mp3');
    expect(oversize).toMatchObject({ status: 413, body: { code: 'attachment_too_large', errors: [{ field: '(body)' }] } });
    expect((await policy({ maxFileBytes: 10 * 1024 * 1024, maxFilesPerOwner: 20 })).status).toBe(200);
    expect(storedFiles()).toEqual(before);
    expect(await listed('intake', request, as('agent'))).toEqual([recording.body.id]);

    // The unit's answer: hrss's staff attach evidence to their order; another unit does not see it.
    const order = await eventually('the primary order of hrss', async () => {
      const res = await p.api('handling', 'GET', `/v1/work-orders?requestId=${created.body.id}`, as('supervisor'));
      return (res.body.items as Array<{ id: string; unitCode: string; role: string }>).find((o) => o.unitCode === 'hrss' && o.role === 'primary');
    });
    const workOrder = `/v1/work-orders/${order.id}`;
    const evidence = await upload('handling', workOrder, as('unit-operator:hrss'), PDF, 'application/pdf', '办理情况说明.pdf');
    expect(evidence).toMatchObject({ status: 201, body: { ownerKind: 'work-order', contentType: 'application/pdf' } });
    expect((await upload('handling', workOrder, as('unit-operator:env'), PDF, 'application/pdf', 'x.pdf')).status).toBe(404);
    expect(await listed('handling', workOrder, as('unit-operator:env'))).toBe(404);
    expect((await download('handling', workOrder, evidence.body.id, as('unit-operator:env'))).status).toBe(404);
    expect((await upload('handling', workOrder, as('supervisor'), PDF, 'application/pdf', 'x.pdf')).status).toBe(403);
    expect(await listed('handling', workOrder, as('agent'))).toBe(403);
    expect(await listed('handling', workOrder, as('reviewer'))).toEqual([evidence.body.id]);
    expect(await listed('handling', workOrder, as('unit-leader:hrss'))).toEqual([evidence.body.id]);
    expect(await listed('handling', workOrder, as('supervisor', WX))).toBe(404);
    const read = await download('handling', workOrder, evidence.body.id, as('reviewer'));
    expect(Buffer.from(await read.arrayBuffer())).toEqual(PDF);
    const disguisedAnswer = await upload('handling', workOrder, as('unit-operator:hrss'), EXE, 'image/png', '现场照片.png');
    expect(disguisedAnswer).toMatchObject({ status: 415, body: { errors: [{ field: 'header.content-type' }] } });

    // A 督办 reply: the supervised unit attaches, the supervisor reads.
    const supervision = await p.api('handling', 'POST', '/v1/supervision-orders', as('supervisor'), {
      workOrderId: order.id, source: 'leader-instruction', instruction: '请三日内说明办理进展',
    });
    expect(supervision.status).toBe(201);
    const reply = `/v1/supervision-orders/${supervision.body.id}`;
    const replyFile = await upload('handling', reply, as('unit-leader:hrss'), PDF, 'application/pdf', '督办回复.pdf');
    expect(replyFile).toMatchObject({ status: 201, body: { ownerKind: 'supervision-order' } });
    expect(await listed('handling', reply, as('supervisor'))).toEqual([replyFile.body.id]);
    expect(await listed('handling', reply, as('unit-operator:env'))).toBe(404);

    // Three files stored in all, each under its service and tenant; nothing of the refusals.
    expect(storedFiles()).toEqual(
      [
        `intake/${NJ}/request/${created.body.id}/${recording.body.id}`,
        `handling/${NJ}/work-order/${order.id}/${evidence.body.id}`,
        `handling/${NJ}/supervision-order/${supervision.body.id}/${replyFile.body.id}`,
      ].sort(),
    );
  });
});
