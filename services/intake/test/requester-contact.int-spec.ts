import { commonV1, Events } from '@hotline/contracts';
import { signLocalToken } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually, TEST_AUTH_SECRET } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { callReferenceHash } from '../src/contact/call-reference';
import { intakeService } from '../src/intake.service';
import { configureTenant, contact, outboxEvents, REQUESTER } from './intake-fixtures';
import { answered, created, dispatched, PRIMARY, signed } from './lifecycle-events';

// The unit codes the dispatched fixture names: its staff's tokens carry the code, not the unit's id.
const PRIMARY_CODE = 'xw-zj';
const ASSISTING_CODE = 'xw-jd';

interface LogRow {
  subject: string;
  roles: string[];
  unit: string | null;
  on_behalf_of: string | null;
  fields: string[];
  purpose: string;
  note: string | null;
}

describe('contact with the requester for handling units (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const tokens = new Map<string, string>();
  /** A caller with their own subject (the daily cap counts per subject), roles and unit claim. */
  const as = (tenantId: string, roles: Role[], subject: string, unit?: string) => async (method: string, path: string, body?: unknown) => {
    const key = JSON.stringify([tenantId, roles, subject, unit]);
    if (!tokens.has(key)) {
      await sut.token(tenantId, roles); // registers the tenant in the directory
      tokens.set(key, await signLocalToken(TEST_AUTH_SECRET, { tenantId, roles, subject, ...(unit ? { unit } : {}) }));
    }
    return sut.request(method, path, tokens.get(key), body);
  };
  const operator = (tenant = 'city-a', subject = `${tenant}:op-1`) => as(tenant, ['unit-operator'], subject, PRIMARY_CODE);
  const telephony = (tenant = 'city-a') => as(tenant, ['telephony'], `${tenant}:cti`);
  const agent = (tenant = 'city-a') => as(tenant, ['agent'], `${tenant}:agent-1`);
  const accessLog = (tenant: string, requestId: string): Promise<LogRow[]> =>
    sut.service.context.db.run(tenant, (m) =>
      m.query(`select subject, roles, unit, on_behalf_of, fields, purpose, note from pii_access_log where request_id = $1 order by id`, [requestId]),
    );

  /** A request registered by an agent and dispatched to PRIMARY (code xw-zj) with ASSISTING (xw-jd). */
  async function dispatchedRequest(tenant: string, overrides: Record<string, unknown> = {}) {
    const res = await agent(tenant)('POST', '/v1/requests', contact(overrides));
    expect(res.status).toBe(201);
    const [accepted] = await outboxEvents<{ request?: commonV1.RequestBrief }>(sut, Events.intake.requestAccepted, res.body.id);
    await publishEvent(sut, Events.dispatch.requestDispatched, tenant, dispatched(accepted!.request!, 1));
    await eventually('the dispatch and its unit codes', async () => (await operator(tenant)('GET', `/v1/requests/${res.body.id}/contact`)).status === 200);
    return { id: res.body.id as string, number: res.body.number as string, brief: accepted!.request! };
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    for (const tenant of ['city-a', 'city-b']) await configureTenant(sut, tenant);
  });
  afterAll(() => sut?.close());

  it("shows the primary unit the masked name and phone, what it can do, and nothing else; no other unit sees it", async () => {
    const undispatched = await agent()('POST', '/v1/requests', contact());
    expect((await operator()('GET', `/v1/requests/${undispatched.body.id}/contact`)).status).toBe(403);

    const { id, number } = await dispatchedRequest('city-a');
    const view = await operator()('GET', `/v1/requests/${id}/contact`);
    expect(view).toMatchObject({ status: 200 });
    expect(view.body).toEqual({
      requestId: id,
      number,
      anonymous: false,
      confidential: false,
      name: '张**',
      phone: '138****5678',
      reveal: { possible: true, reason: null, remainingToday: 50 },
      call: { possible: true, reason: null },
    });
    expect(JSON.stringify(view.body)).not.toMatch(/13812345678|3201021990|中山路/);

    // Hotline staff see it too; those who contact nobody are told so.
    expect((await as('city-a', ['dispatcher'], 'city-a:disp')('GET', `/v1/requests/${id}/contact`)).body).toMatchObject({
      phone: '138****5678',
      reveal: { possible: false, reason: 'role', remainingToday: null },
      call: { possible: false, reason: 'role' },
    });
    expect((await agent()('GET', `/v1/requests/${id}/contact`)).body).toMatchObject({ reveal: { possible: true, remainingToday: null } });

    // The assisting unit, a unit named by its id instead of its code, unit staff without a unit: refused.
    for (const unit of [ASSISTING_CODE, PRIMARY, undefined]) {
      const refused = await as('city-a', ['unit-leader'], 'city-a:other', unit)('GET', `/v1/requests/${id}/contact`);
      expect(refused).toMatchObject({ status: 403, body: { code: 'forbidden', detail: expect.stringMatching(/primary unit/) } });
    }
    expect((await telephony()('GET', `/v1/requests/${id}/contact`)).status).toBe(403);
    expect(await accessLog('city-a', id)).toEqual([]);
  });

  it('reveals the phone alone for a stated purpose, and logs who, roles, unit, field and why in the same transaction', async () => {
    const { id, number } = await dispatchedRequest('city-a');
    const res = await operator()('POST', `/v1/requests/${id}/contact/reveal`, { purpose: 'callback-verify', note: '核实地址，备用电话 13900001111' });
    expect(res).toMatchObject({ status: 200 });
    expect(res.body).toEqual({ requestId: id, number, anonymous: false, phone: REQUESTER.phone, remainingToday: 49 });
    expect(await accessLog('city-a', id)).toEqual([
      {
        subject: 'city-a:op-1',
        roles: ['unit-operator'],
        unit: PRIMARY_CODE,
        on_behalf_of: null,
        fields: ['requester.phone'],
        purpose: 'callback-verify',
        note: '核实地址，备用电话 139****1111',
      },
    ]);
    // The supervisors' access log shows it, with the unit; and can be narrowed to the contact purposes.
    const log = await as('city-a', ['supervisor'], 'city-a:auditor')('GET', `/v1/pii-access-log?requestId=${id}&purpose=callback-verify`);
    expect(log.body).toMatchObject({ total: 1, items: [{ subject: 'city-a:op-1', unit: PRIMARY_CODE, onBehalfOf: null, fields: ['requester.phone'] }] });
    // The view counts it.
    expect((await operator()('GET', `/v1/requests/${id}/contact`)).body.reveal).toEqual({ possible: true, reason: null, remainingToday: 49 });

    // Another unit is refused like the free-text read refuses it (403), and nothing more is logged.
    for (const unit of [ASSISTING_CODE, PRIMARY]) {
      const refused = await as('city-a', ['unit-operator'], 'city-a:other', unit)('POST', `/v1/requests/${id}/contact/reveal`, { purpose: 'callback-verify' });
      expect(refused).toMatchObject({ status: 403, body: { detail: expect.stringMatching(/primary unit/) } });
    }
    expect((await as('city-a', ['reviewer'], 'city-a:rev')('POST', `/v1/requests/${id}/contact/reveal`, { purpose: 'callback-verify' })).status).toBe(403);
    expect((await sut.request('POST', `/v1/requests/${id}/contact/reveal`, undefined, { purpose: 'callback-verify' })).status).toBe(401);
    expect(await accessLog('city-a', id)).toHaveLength(1);
  });

  it('answers a bad purpose, note, body or id with a 400 naming the field, and discloses nothing', async () => {
    const { id } = await dispatchedRequest('city-a');
    const reveal = (body: unknown, path = `/v1/requests/${id}/contact/reveal`) => operator()('POST', path, body);
    const fields = async (body: unknown, path?: string) => {
      const res = await reveal(body, path);
      expect(res.status).toBe(400);
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fields({ purpose: 'curiosity' })).toEqual(['purpose']);
    expect(await fields({})).toEqual(['purpose']);
    expect(await fields({ purpose: 'contact-requester' })).toEqual(['purpose']); // the hotline's purposes are not a unit's
    expect(await fields({ purpose: 'on-site-visit', note: 'x'.repeat(201) })).toEqual(['note']);
    expect(await fields({ purpose: 'on-site-visit', fields: ['requester.idNumber'] })).toEqual(['(body)']);
    expect(await fields({ purpose: 'on-site-visit' }, '/v1/requests/not-a-uuid/contact/reveal')).toEqual(['id']);
    expect((await reveal({ purpose: 'on-site-visit' }, `/v1/requests/0191f0a0-0000-7000-8000-00000000000a/contact/reveal`)).status).toBe(404);
    const call = await operator()('POST', `/v1/requests/${id}/contact/call-reference`, { purpose: 'callback' });
    expect(call).toMatchObject({ status: 400, body: { errors: [{ field: 'purpose' }] } });
    expect(await accessLog('city-a', id)).toEqual([]);
  });

  it('refuses a replayable (Idempotency-Key) reveal: its answer would be stored in clear', async () => {
    const { id } = await dispatchedRequest('city-a');
    const res = await fetch(`${sut.service.httpUrl}/v1/requests/${id}/contact/reveal`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await signLocalToken(TEST_AUTH_SECRET, { tenantId: 'city-a', roles: ['unit-operator'], unit: PRIMARY_CODE, subject: 'city-a:op-1' })}`,
        'content-type': 'application/json',
        'idempotency-key': 'reveal-0001',
      },
      body: JSON.stringify({ purpose: 'callback-verify' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ field: 'header.idempotency-key' })]);
    expect(await sut.service.context.dataSource.query(`select key from idempotency_keys where key = 'reveal-0001'`)).toEqual([]);
    expect(await accessLog('city-a', id)).toEqual([]);
  });

  it('never lets a unit reach the requester of a confidential request, nor an agent; a supervisor may', async () => {
    const { id } = await dispatchedRequest('city-a', { requester: { name: '李四', phone: '13700001234', confidential: true }, requestType: 'report' });
    expect((await operator()('GET', `/v1/requests/${id}/contact`)).body).toMatchObject({
      confidential: true,
      name: null,
      phone: null,
      reveal: { possible: false, reason: 'confidential' },
      call: { possible: false, reason: 'confidential' },
    });
    for (const path of ['reveal', 'call-reference']) {
      const refused = await operator()('POST', `/v1/requests/${id}/contact/${path}`, { purpose: 'callback-verify' });
      expect(refused).toMatchObject({ status: 403, body: { detail: expect.stringMatching(/confidential request is reached by supervisors only/) } });
      expect((await as('city-a', ['unit-leader'], 'city-a:leader', PRIMARY_CODE)('POST', `/v1/requests/${id}/contact/${path}`, { purpose: 'on-site-visit' })).status).toBe(403);
      expect((await agent()('POST', `/v1/requests/${id}/contact/${path}`, { purpose: 'callback-verify' })).status).toBe(403);
    }
    expect(await accessLog('city-a', id)).toEqual([]);
    expect(await sut.service.context.db.run('city-a', (m) => m.query(`select id from call_references where request_id = $1`, [id]))).toEqual([]);

    const supervisor = as('city-a', ['supervisor'], 'city-a:sup-1');
    expect((await supervisor('POST', `/v1/requests/${id}/contact/reveal`, { purpose: 'callback-result' })).body).toMatchObject({ phone: '13700001234', remainingToday: null });
    expect(await accessLog('city-a', id)).toEqual([expect.objectContaining({ subject: 'city-a:sup-1', roles: ['supervisor'], unit: null, fields: ['requester.phone'] })]);
  });

  it('has nothing to reveal or call for an anonymous request, and logs nothing', async () => {
    const { id, number } = await dispatchedRequest('city-a', { requester: { anonymous: true } });
    expect((await operator()('GET', `/v1/requests/${id}/contact`)).body).toMatchObject({
      anonymous: true,
      name: null,
      phone: null,
      reveal: { possible: false, reason: 'anonymous' },
      call: { possible: false, reason: 'anonymous' },
    });
    expect((await operator()('POST', `/v1/requests/${id}/contact/reveal`, { purpose: 'callback-verify' })).body).toEqual({
      requestId: id,
      number,
      anonymous: true,
      phone: null,
      remainingToday: null,
    });
    expect((await operator()('POST', `/v1/requests/${id}/contact/call-reference`, { purpose: 'callback-verify' })).body).toMatchObject({
      status: 409,
      code: 'anonymous_requester',
    });
    expect(await accessLog('city-a', id)).toEqual([]);
  });

  it('lets the unit reach the requester only while the request is with it: dispatched or in progress, not once answered', async () => {
    const { id, brief } = await dispatchedRequest('city-a');
    await publishEvent(sut, Events.handling.workOrderCreated, 'city-a', created(brief, PRIMARY, 2));
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(id, PRIMARY, 3));
    await eventually('in progress', async () => (await agent()('GET', `/v1/requests/${id}`)).body.status === 'in-progress');
    expect((await operator()('POST', `/v1/requests/${id}/contact/reveal`, { purpose: 'callback-result' })).status).toBe(200);

    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, PRIMARY, 4));
    await eventually('answered', async () => (await agent()('GET', `/v1/requests/${id}`)).body.status === 'answered');
    expect((await operator()('GET', `/v1/requests/${id}/contact`)).body).toMatchObject({ reveal: { possible: false, reason: 'not-with-unit' } });
    for (const path of ['reveal', 'call-reference'])
      expect(await operator()('POST', `/v1/requests/${id}/contact/${path}`, { purpose: 'callback-result' })).toMatchObject({
        status: 403,
        body: { detail: expect.stringMatching(/no longer with your unit/) },
      });
    // The hotline's callbacks go on.
    expect((await agent()('POST', `/v1/requests/${id}/contact/reveal`, { purpose: 'callback-result' })).status).toBe(200);
    expect((await accessLog('city-a', id)).map((l) => l.subject)).toEqual(['city-a:op-1', 'city-a:agent-1']);
  });

  it("caps a unit user's reveals per day at the tenant's limit (429, counted from the log), other users and calls unaffected", async () => {
    // city-b, so that the other cases keep the default.
    const admin = as('city-b', ['tenant-admin'], 'city-b:admin');
    expect((await admin('GET', '/v1/contact-policy')).body).toEqual({ dailyRevealsPerUser: 50, source: 'default', updatedAt: null, updatedBy: null });
    expect((await admin('PUT', '/v1/contact-policy', { dailyRevealsPerUser: -1 })).body.errors).toEqual([expect.objectContaining({ field: 'dailyRevealsPerUser' })]);
    expect((await admin('PUT', '/v1/contact-policy', { dailyRevealsPerUser: 'many' })).status).toBe(400);
    expect((await operator('city-b')('PUT', '/v1/contact-policy', { dailyRevealsPerUser: 500 })).status).toBe(403);
    expect((await admin('PUT', '/v1/contact-policy', { dailyRevealsPerUser: 2 })).body).toMatchObject({ dailyRevealsPerUser: 2, source: 'tenant', updatedBy: 'city-b:admin' });
    expect((await operator('city-b')('GET', '/v1/contact-policy')).body.dailyRevealsPerUser).toBe(2);

    const first = await dispatchedRequest('city-b');
    const second = await dispatchedRequest('city-b');
    const op = operator('city-b', 'city-b:op-cap');
    expect((await op('POST', `/v1/requests/${first.id}/contact/reveal`, { purpose: 'callback-verify' })).body.remainingToday).toBe(1);
    expect((await op('POST', `/v1/requests/${second.id}/contact/reveal`, { purpose: 'callback-verify' })).body.remainingToday).toBe(0);

    const res = await fetch(`${sut.service.httpUrl}/v1/requests/${first.id}/contact/reveal`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await signLocalToken(TEST_AUTH_SECRET, { tenantId: 'city-b', roles: ['unit-operator'], unit: PRIMARY_CODE, subject: 'city-b:op-cap' })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ purpose: 'callback-result' }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    expect(await res.json()).toMatchObject({ status: 429, code: 'reveal_limit_reached', detail: expect.stringMatching(/limit of 2 phone reveals/) });
    expect(await accessLog('city-b', first.id)).toHaveLength(1);

    // The view says so; a call through the platform is still possible, and does not count.
    expect((await op('GET', `/v1/requests/${first.id}/contact`)).body).toMatchObject({
      reveal: { possible: false, reason: 'daily-limit', remainingToday: 0 },
      call: { possible: true, reason: null },
    });
    expect((await op('POST', `/v1/requests/${first.id}/contact/call-reference`, { purpose: 'callback-result' })).status).toBe(201);
    // Another user of the unit has their own count.
    expect((await operator('city-b', 'city-b:op-2')('POST', `/v1/requests/${first.id}/contact/reveal`, { purpose: 'callback-result' })).status).toBe(200);

    // 0: the city's units reach requesters through the platform only.
    await admin('PUT', '/v1/contact-policy', { dailyRevealsPerUser: 0 });
    expect((await operator('city-b', 'city-b:op-3')('POST', `/v1/requests/${second.id}/contact/reveal`, { purpose: 'callback-result' })).status).toBe(429);
  });

  it('issues a call reference the telephony system exchanges once for the number; the unit never sees it', async () => {
    const { id, number } = await dispatchedRequest('city-a');
    const issued = await operator('city-a', 'city-a:op-call')('POST', `/v1/requests/${id}/contact/call-reference`, { purpose: 'on-site-visit', note: '预约上门' });
    expect(issued).toMatchObject({ status: 201, body: { requestId: id, number, reference: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) } });
    expect(JSON.stringify(issued.body)).not.toContain(REQUESTER.phone);
    const expiresIn = new Date(issued.body.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);
    const { reference } = issued.body as { reference: string };

    // Stored by its hash only, with who asked and why; issuing discloses nothing.
    const rows = await sut.service.context.db.run('city-a', (m) =>
      m.query(`select reference_hash, purpose, note, issued_by, issuer_roles, issuer_unit, resolved_at from call_references where request_id = $1`, [id]),
    );
    expect(rows).toEqual([
      { reference_hash: callReferenceHash(reference), purpose: 'on-site-visit', note: '预约上门', issued_by: 'city-a:op-call', issuer_roles: ['unit-operator'], issuer_unit: PRIMARY_CODE, resolved_at: null },
    ]);
    expect(JSON.stringify(rows)).not.toContain(reference);
    expect(await accessLog('city-a', id)).toEqual([]);

    // Only the telephony role resolves, and only its own tenant's references.
    for (const caller of [operator('city-a', 'city-a:op-call'), agent(), as('city-a', ['supervisor'], 'city-a:sup-1')])
      expect((await caller('POST', '/v1/call-references/resolution', { reference })).status).toBe(403);
    expect((await telephony('city-b')('POST', '/v1/call-references/resolution', { reference })).status).toBe(404);
    expect((await telephony()('POST', '/v1/call-references/resolution', { reference: 'short' })).body.errors).toEqual([
      expect.objectContaining({ field: 'reference' }),
    ]);
    expect((await telephony()('POST', '/v1/call-references/resolution', { reference: 'A'.repeat(22) })).status).toBe(404);

    const resolved = await telephony()('POST', '/v1/call-references/resolution', { reference });
    expect(resolved).toMatchObject({ status: 200 });
    expect(resolved.body).toEqual({ requestId: id, number, phone: REQUESTER.phone, purpose: 'on-site-visit', issuedBy: 'city-a:op-call' });
    expect(await accessLog('city-a', id)).toEqual([
      {
        subject: 'city-a:cti',
        roles: ['telephony'],
        unit: PRIMARY_CODE,
        on_behalf_of: 'city-a:op-call',
        fields: ['requester.phone'],
        purpose: 'on-site-visit',
        note: '预约上门',
      },
    ]);

    const again = await telephony()('POST', '/v1/call-references/resolution', { reference });
    expect(again).toMatchObject({ status: 410, body: { code: 'call_reference_used' } });
    expect(await accessLog('city-a', id)).toHaveLength(1);
    // The record is resolved once and is not changed or removed afterwards.
    await expect(sut.service.context.db.run('city-a', (m) => m.query(`update call_references set resolved_at = null where request_id = $1`, [id]))).rejects.toThrow(/append-only/);
    await expect(sut.service.context.db.run('city-a', (m) => m.query(`delete from call_references where request_id = $1`, [id]))).rejects.toThrow(/append-only/);
    // The resolution is on the telephony's subject, on the user's behalf: it does not count against the user's reveals.
    expect((await operator('city-a', 'city-a:op-call')('GET', `/v1/requests/${id}/contact`)).body.reveal.remainingToday).toBe(50);
  });

  it('answers an expired reference, or one whose request left the unit meanwhile, with 410 and discloses nothing', async () => {
    const { id, brief } = await dispatchedRequest('city-a');
    const expired = 'E'.repeat(21) + 'x';
    await sut.service.context.db.run('city-a', (m) =>
      m.query(
        `insert into call_references (id, tenant_id, request_id, reference_hash, purpose, issued_by, issuer_roles, issuer_unit, issued_at, expires_at)
         values ('0191f0a0-0000-7000-8000-0000000000ee', 'city-a', $1, $2, 'callback-verify', 'city-a:op-1', '{unit-operator}', $3,
                 now() - interval '11 minutes', now() - interval '1 minute')`,
        [id, callReferenceHash(expired), PRIMARY_CODE],
      ),
    );
    expect(await telephony()('POST', '/v1/call-references/resolution', { reference: expired })).toMatchObject({ status: 410, body: { code: 'call_reference_expired' } });

    const { reference } = (await operator()('POST', `/v1/requests/${id}/contact/call-reference`, { purpose: 'callback-result' })).body;
    await publishEvent(sut, Events.handling.workOrderCreated, 'city-a', created(brief, PRIMARY, 2));
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(id, PRIMARY, 3));
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, PRIMARY, 4));
    await eventually('answered', async () => (await agent()('GET', `/v1/requests/${id}`)).body.status === 'answered');
    expect(await telephony()('POST', '/v1/call-references/resolution', { reference })).toMatchObject({
      status: 410,
      body: { code: 'call_reference_void', detail: expect.stringMatching(/no longer with your unit/) },
    });
    expect(await accessLog('city-a', id)).toEqual([]);
  });
});
