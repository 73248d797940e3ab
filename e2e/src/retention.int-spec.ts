import { localDateOf } from '@hotline/calendar';
import { eventually } from '@hotline/testing';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { LocalPlatform } from './support/platform';

// Retention across the five real services (issue 13), driven through the public APIs: a request
// closed and archived, a retention run as of a day past its period, then intake's request shows
// no name, phone or content, handling's answer text is gone, the archive keeps its chain and the
// records office's export of the day has the anonymised record with its hashes.
describe('retention of closed requests end to end', () => {
  let p: LocalPlatform;
  let tokens: Record<string, Record<string, string>>;
  const A = 'city-3201';
  const as = (role: string) => tokens[A]![role]!;

  beforeAll(async () => {
    // launch + wait, as revisit-redo.int-spec.ts does (a loaded machine needs more than start()'s bound).
    p = LocalPlatform.launch();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`platform not ready in 580 s:\n${p.output}`)), 580_000);
    });
    await Promise.race([p.waitForOutput(/\[start\] platform ready/), late]).finally(() => clearTimeout(timer));
    tokens = p.tokens();
  }, 600_000);

  afterAll(() => p?.destroy(), 60_000);

  it('anonymises a closed request in intake, handling and the archive; the chain still verifies', async () => {
    const entered = await p.api('intake', 'POST', '/v1/requests', as('agent'), {
      channel: 'phone',
      requester: { name: '李四光', phone: '13900002222' },
      title: '社保补缴未到账',
      content: '三个月前补缴的社保至今未到账，请回电13900002222',
      areaCode: '320104',
      requestType: 'complaint',
      urgency: 'normal',
      categoryCode: '080101',
      scope: { decision: 'in-scope' },
    });
    expect(entered.status).toBe(201);
    const requestId = (entered.body as { id: string }).id;

    const order = await eventually(`the primary order of ${requestId}`, async () => {
      const res = await p.api('handling', 'GET', `/v1/work-orders?requestId=${requestId}`, as('supervisor'));
      return (res.body as { items: Array<{ id: string; unitCode: string; role: string }> }).items.find((o) => o.role === 'primary');
    });
    const operator = as(`unit-operator:${order.unitCode}`);
    expect((await p.api('handling', 'POST', `/v1/work-orders/${order.id}/sign`, operator)).status).toBeLessThan(300);
    const answer = '已转交社保经办机构核查，款项已到账。';
    expect((await p.api('handling', 'POST', `/v1/work-orders/${order.id}/answer`, operator, {
      answer, basis: '《社会保险法》第六十三条', contactRecord: '电话联系李先生，告知办理结果',
    })).status).toBeLessThan(300);
    const review = await eventually(`the review of ${order.id}`, async () => {
      const res = await p.api('revisit', 'GET', '/v1/reviews?status=pending&limit=200', as('reviewer'));
      return (res.body as { items: Array<{ id: string; workOrderId: string }> }).items.find((r) => r.workOrderId === order.id);
    });
    expect((await p.api('revisit', 'POST', `/v1/reviews/${review.id}/decision`, as('reviewer'), { passed: true })).status).toBe(200);
    await eventually('awaiting its revisit', async () => {
      const res = await p.api('revisit', 'GET', '/v1/revisits/pending?limit=200', as('agent'));
      return (res.body as { items: Array<{ requestId: string }> }).items.some((r) => r.requestId === requestId) || undefined;
    });
    const revisited = await p.api('revisit', 'POST', '/v1/revisits', as('agent'), {
      requestId, method: 'phone', resolution: 'resolved', satisfaction: 'satisfied', respondent: 'requester',
    });
    expect(revisited.status).toBe(201);
    const archived = (revisited.body as { archive: { sequence: number; recordHash: string } }).archive;
    const detailOf = async () => (await p.api('intake', 'GET', `/v1/requests/${requestId}`, as('agent'))).body as Record<string, never>;
    await eventually('archived at intake', async () => ((await detailOf()).status === 'archived' ? true : undefined));
    expect((await detailOf()).requester).toMatchObject({ name: '李**', phone: '139****2222' });

    // The tenant keeps closed requests 10 years (the default); a run as of 11 years on ends this one's period.
    expect((await p.api('revisit', 'GET', '/v1/retention-policy', as('tenant-admin'))).body).toMatchObject({ closedRequestYears: 10 });
    const asOf = new Date(Date.now() + 11 * 366 * 24 * 3600 * 1000).toISOString();
    const started = await p.api('revisit', 'POST', '/v1/retention/runs', as('tenant-admin'), { asOf });
    expect(started.status).toBe(202);
    const runId = (started.body as { id: string }).id;
    const run = await eventually('the retention run done', async () => {
      const res = await p.api('revisit', 'GET', `/v1/retention/runs/${runId}`, as('tenant-admin'));
      return (res.body as { status: string }).status === 'running' ? undefined : (res.body as Record<string, number | string>);
    });
    expect(run).toMatchObject({ status: 'completed', remaining: 0 });
    expect(run.anonymised).toBe(run.total);

    // intake: no name, no phone, no content; the number, status and times stay.
    const detail = await eventually('intake anonymised it', async () => {
      const d = await detailOf();
      return d.content === ANONYMISED_MARKER ? d : undefined;
    });
    expect(detail).toMatchObject({ status: 'archived', title: ANONYMISED_MARKER, requester: { anonymous: false, name: '', phone: '' } });
    expect(JSON.stringify(detail)).not.toMatch(/李|13900002222|139\*\*\*\*2222|社保补缴/);

    // handling: the answer text is gone.
    const workOrder = await eventually('handling anonymised it', async () => {
      const res = await p.api('handling', 'GET', `/v1/work-orders/${order.id}`, as('supervisor'));
      return (res.body as { answer?: string }).answer === ANONYMISED_MARKER ? (res.body as Record<string, unknown>) : undefined;
    });
    expect(JSON.stringify(workOrder)).not.toContain(answer);

    // revisit: the record keeps its place and hash, the chain verifies, the export has it.
    const archive = (await p.api('revisit', 'GET', '/v1/archive?limit=200', as('supervisor'))).body as {
      items: Array<{ sequence: number; requestId: string | null; recordHash: string; record: Record<string, never> }>;
    };
    const link = archive.items.find((a) => a.requestId === requestId)!;
    expect(link).toMatchObject({ sequence: archived.sequence, recordHash: archived.recordHash });
    expect(JSON.stringify(link.record)).not.toMatch(/李|13900002222|139\*\*\*\*2222|社保补缴|已转交/);
    expect((await p.api('revisit', 'GET', '/v1/archive/verify', as('supervisor'))).body).toMatchObject({ intact: true });

    const day = localDateOf(new Date(), 'Asia/Shanghai');
    const exported = await p.api('revisit', 'GET', `/v1/archive/export?from=${day}&to=${day}`, as('tenant-admin'));
    expect(exported.status).toBe(200);
    const lines = exported.text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const records = lines.filter((l) => l.kind === 'record');
    expect(lines[0]).toMatchObject({ kind: 'export', tenant: A, total: records.length });
    expect(lines.at(-1)).toEqual({ kind: 'end', count: records.length, lastHash: records.at(-1).recordHash });
    expect(records.find((l) => l.requestId === requestId)).toMatchObject({ recordHash: archived.recordHash, anonymised: { runId } });
  });
});
