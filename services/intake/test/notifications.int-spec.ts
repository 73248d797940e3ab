import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Events, handlingEventsV1 } from '@hotline/contracts';
import { uuidv7, verifySignature } from '@hotline/platform';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { configureTenant, contact, outboxEvents, REQUESTER } from './intake-fixtures';
import { ASSISTING, at, dispatched, PRIMARY } from './lifecycle-events';

const SECRET = 'intake-webhook-secret-for-tests-0123456789';

// The requester's notice of an approved extension (延期, issue 12, ADR 0029): intake alone holds
// the phone, so intake enqueues it when it consumes handling's WorkOrderExtensionDecided, and its
// relay hands it to an SMS gateway's webhook — the one place the phone leaves intake in clear.
describe('intake tells the requester the new due of an approved extension (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let gateway: Server;
  const calls: Array<{ headers: IncomingMessage['headers']; body: string }> = [];

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls.push({ headers: req.headers, body });
        res.writeHead(calls.length === 1 ? 503 : 202).end();
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    sut = await startServiceUnderTest(intakeService, {
      env: { NOTIFY_ADAPTER: 'webhook', NOTIFY_WEBHOOK_URL: url, NOTIFY_WEBHOOK_SECRET: SECRET, NOTIFY_POLL_MS: '50', NOTIFY_RETRY_BASE_MS: '50' },
    });
    await configureTenant(sut, 'city-a');
  });
  afterAll(async () => {
    await sut?.close();
    gateway?.closeAllConnections();
    await new Promise((r) => gateway?.close(r));
  });

  const list = async (query = '') => (await sut.as('city-a', ['supervisor'])('GET', `/v1/notifications${query}`)).body;

  async function dispatchedRequest(over: Record<string, unknown> = {}) {
    const res = await sut.as('city-a', ['agent'])('POST', '/v1/requests', contact(over));
    expect(res.status).toBe(201);
    const [accepted] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(accepted!.request!, 1));
    await eventually('dispatched', async () => (await sut.as('city-a', ['agent'])('GET', `/v1/requests/${res.body.id}`)).body.primaryUnitId === PRIMARY);
    return res.body as { id: string; number: string };
  }

  const decided = (requestId: string, unitId: string, status: 'approved' | 'refused'): handlingEventsV1.WorkOrderExtensionDecided => ({
    workOrderId: `wo-${unitId}`,
    requestId,
    unitId,
    extensionId: uuidv7(),
    status,
    refusal: status === 'approved' ? '' : 'refused-by-hotline',
    originalDueAt: at(60),
    handlingDueAt: '2026-03-20T16:00:00.000Z',
    extraWorkingDays: 5,
    decidedAt: at(30),
    decidedBy: 'supervisor-1',
    approvedCount: status === 'approved' ? 1 : 0,
  });

  it('approved for the lead unit: one SMS through the webhook with the phone, signed, retried after a 503 under the same key', async () => {
    const request = await dispatchedRequest();
    const event = decided(request.id, PRIMARY, 'approved');
    const messageId = await publishEvent(sut, Events.handling.workOrderExtensionDecided, 'city-a', event);
    await publishEvent(sut, Events.handling.workOrderExtensionDecided, 'city-a', event, messageId); // redelivered

    const [notice] = await eventually('delivered', async () => {
      const body = await list('?status=delivered');
      return body.items.length === 1 ? body.items : undefined;
    });
    expect(notice).toMatchObject({
      template: 'extension-approved-requester',
      recipientKind: 'requester',
      recipientRef: request.id,
      recipient: '138****5678',
      channel: 'sms',
      sourceRef: `extension:${event.extensionId}`,
      requestId: request.id,
      params: { requestNumber: request.number, dueAt: '2026-03-20T16:00:00.000Z', extraWorkingDays: '5' },
      attempts: 2,
      lastError: null,
      addressDisclosedAt: expect.any(String),
    });
    expect(JSON.stringify(await list())).not.toContain(REQUESTER.phone);

    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.headers['idempotency-key']).toBe(notice.id);
      expect(verifySignature(SECRET, call.body, call.headers['x-hotline-signature'] as string)).toBe(true);
    }
    const body = JSON.parse(calls[1]!.body);
    expect(body).toMatchObject({
      tenant: 'city-a',
      template: 'extension-approved-requester',
      recipient: { kind: 'requester', ref: request.id, masked: '138****5678', address: REQUESTER.phone },
      text: `您反映的诉求（编号${request.number}）经批准延期办理，办理期限延长至2026年3月20日。`,
      attempt: 2,
    });
    // The phone is in the table only as ciphertext.
    const [row] = await sut.service.context.db.run('city-a', (m) =>
      m.query(`select recipient_address_enc::text as enc, params::text as params from notifications where id = $1`, [notice.id]),
    );
    expect(`${row.enc}${row.params}`).not.toContain(REQUESTER.phone);
  });

  it('nothing for a refusal, an assisting unit’s extension, or an anonymous requester', async () => {
    const before = (await list()).total;
    const request = await dispatchedRequest();
    const anonymous = await dispatchedRequest({ requester: { anonymous: true } });
    for (const e of [decided(request.id, PRIMARY, 'refused'), decided(request.id, ASSISTING, 'approved'), decided(anonymous.id, PRIMARY, 'approved')]) {
      const id = await publishEvent(sut, Events.handling.workOrderExtensionDecided, 'city-a', e);
      await eventually('consumed', async () => (await sut.service.context.dataSource.query(`select 1 from inbox where message_id = $1`, [id])).length > 0);
    }
    expect((await list()).total).toBe(before);
  });
});
