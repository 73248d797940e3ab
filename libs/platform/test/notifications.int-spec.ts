import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Events } from '@hotline/contracts';
import { queryAsTenant, TestDatabase } from '@hotline/testing';
import {
  createLogger,
  enqueueNotification,
  inTenantTransaction,
  LogAndOutboxSender,
  Metrics,
  NotificationRelay,
  NotificationRequest,
  NotificationSender,
  Outbox,
  PiiCipher,
  verifySignature,
  WebhookSender,
} from '../src';
import { platformTestDatabase } from './fixtures';

const logger = createLogger('notifications-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
const SECRET = 'webhook-secret-for-tests-only-0123456789';
const cipher = new PiiCipher(Buffer.alloc(32, 9));

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A gateway on a real local port: answers each call with the next status of its script (the last one for ever). */
async function gateway(statuses: number[], delayMs = 0): Promise<{ url: string; calls: Received[]; server: Server }> {
  const calls: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      const status = statuses[Math.min(calls.length - 1, statuses.length - 1)] ?? 200;
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ echo: body }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`, calls, server };
}

const requesterNotice = (tenantId: string, sourceRef = 'extension:e-1'): NotificationRequest => ({
  tenantId,
  sourceRef,
  recipient: { kind: 'requester', ref: 'r-1', masked: '138****5678', addressEnc: cipher.encrypt(tenantId, '13812345678') },
  channel: 'sms',
  template: 'extension-approved-requester',
  params: { requestNumber: '3201-20260301-000042', dueAt: '2026-03-20T16:00:00.000Z', extraWorkingDays: '5' },
  requestId: 'r-1',
});

const unitNotice = (tenantId: string, sourceRef: string): NotificationRequest => ({
  tenantId,
  sourceRef,
  recipient: { kind: 'unit', ref: 'u-1', masked: 'u-1' },
  channel: 'unit-inbox',
  template: 'work-order-overdue',
  params: { requestNumber: '3201-20260301-000042', workOrderId: 'w-1', clock: 'handling', dueAt: '2026-03-16T16:00:00.000Z' },
  requestId: 'r-1',
});

describe('notifications through an outbox, delivered after commit (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const servers: Server[] = [];

  beforeEach(async () => {
    ({ db, dataSource } = await platformTestDatabase());
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    await dataSource.destroy();
    await db.drop();
  });

  const rows = (tenantId: string) =>
    queryAsTenant<Record<string, unknown>>(db.url, tenantId, `select id, status, attempts, last_error, delivered_at, failed_at, address_disclosed_at, recipient_address_enc from notifications order by created_at`);
  const queued = async () => (await dataSource.query(`select notification_id, tenant_id from notification_queue`)) as Array<{ notification_id: string }>;

  function relay(sender: NotificationSender, metrics?: Metrics, outbox?: Outbox, retry = { baseMs: 20, maxMs: 40 }) {
    return new NotificationRelay(dataSource, sender, logger, metrics, {
      listen: false,
      retry,
      outbox,
      openAddress: (tenantId, blob) => cipher.decrypt(tenantId, blob),
      random: () => 1,
    });
  }

  /** Runs passes until nothing is queued or due any more (retries included), at most `passes` times. */
  async function drain(r: NotificationRelay, passes = 20) {
    for (let i = 0; i < passes && (await queued()).length > 0; i++) {
      await r.deliverDue();
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  it('is written with the change it tells of, and not at all when that change rolls back; once per fact, recipient and template', async () => {
    await inTenantTransaction(dataSource, 'city-a', async (m) => {
      expect(await enqueueNotification(m, requesterNotice('city-a'))).toEqual(expect.any(String));
      expect(await enqueueNotification(m, requesterNotice('city-a'))).toBeUndefined();
    });
    await expect(
      inTenantTransaction(dataSource, 'city-a', async (m) => {
        await enqueueNotification(m, unitNotice('city-a', 'overdue:w-1/handling'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const stored = await rows('city-a');
    expect(stored).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
    // The phone is stored only as ciphertext; another tenant sees nothing.
    expect((stored[0]!['recipient_address_enc'] as Buffer).toString('latin1')).not.toContain('13812345678');
    expect(await rows('city-b')).toEqual([]);
    expect(await queued()).toHaveLength(1);
  });

  it('refuses a request that breaks the vocabulary before writing anything', async () => {
    await expect(
      inTenantTransaction(dataSource, 'city-a', (m) => enqueueNotification(m, { ...unitNotice('city-a', 'x'), params: { note: '诉求人电话13812345678' } })),
    ).rejects.toThrow(/takes requestNumber/);
    expect(await rows('city-a')).toEqual([]);
  });

  it('POSTs to the webhook signed and keyed by the notification id, the phone in clear for the SMS only', async () => {
    const gw = await gateway([200]);
    servers.push(gw.server);
    await inTenantTransaction(dataSource, 'city-a', async (m) => {
      await enqueueNotification(m, requesterNotice('city-a'));
      await enqueueNotification(m, unitNotice('city-a', 'overdue:w-1/handling'));
    });
    const metrics = new Metrics('test');
    await drain(relay(new WebhookSender({ url: gw.url, secret: SECRET, timeoutMs: 2_000, clearRequesterPhone: true }), metrics));

    const stored = await rows('city-a');
    expect(stored.map((r) => [r['status'], r['attempts']])).toEqual([['delivered', 1], ['delivered', 1]]);
    expect(gw.calls).toHaveLength(2);
    for (const call of gw.calls) {
      expect(verifySignature(SECRET, call.body, call.headers['x-hotline-signature'] as string)).toBe(true);
      expect(call.headers['content-type']).toMatch(/^application\/json/);
    }
    const bodies = gw.calls.map((c) => JSON.parse(c.body));
    const sms = bodies.find((b) => b.channel === 'sms');
    const unit = bodies.find((b) => b.channel === 'unit-inbox');
    expect(gw.calls.map((c) => c.headers['idempotency-key']).sort()).toEqual(stored.map((r) => r['id']).sort());
    expect(sms).toMatchObject({
      tenant: 'city-a',
      template: 'extension-approved-requester',
      recipient: { kind: 'requester', ref: 'r-1', masked: '138****5678', address: '13812345678' },
      params: { requestNumber: '3201-20260301-000042', dueAt: '2026-03-20T16:00:00.000Z' },
      text: expect.stringContaining('2026年3月20日'),
      attempt: 1,
    });
    expect(JSON.stringify(unit)).not.toContain('13812345678');
    expect(unit.recipient).toEqual({ kind: 'unit', ref: 'u-1', masked: 'u-1' });
    // The clear hand-over of the phone is on the record (the unit's was none), and its copy is gone.
    expect(stored.filter((r) => r['address_disclosed_at'] !== null)).toHaveLength(1);
    expect(stored.map((r) => r['recipient_address_enc'])).toEqual([null, null]);
    expect(await queued()).toEqual([]);
    const counted = await metrics.registry.getSingleMetricAsString('hl_notifications_total');
    expect(counted).toContain('template="extension-approved-requester",channel="sms",result="delivered",service="test"} 1');
    expect(counted).toContain('template="work-order-overdue",channel="unit-inbox",result="delivered",service="test"} 1');
  });

  it('sends the phone masked only when the webhook is told not to carry it', async () => {
    const gw = await gateway([200]);
    servers.push(gw.server);
    await inTenantTransaction(dataSource, 'city-a', (m) => enqueueNotification(m, requesterNotice('city-a')));
    await drain(relay(new WebhookSender({ url: gw.url, secret: SECRET, timeoutMs: 2_000, clearRequesterPhone: false })));
    expect(gw.calls).toHaveLength(1);
    expect(gw.calls[0]!.body).not.toContain('13812345678');
    expect((await rows('city-a'))[0]).toMatchObject({ status: 'delivered', address_disclosed_at: null });
  });

  it('a 500 then a 200: retried with backoff, one delivered row after two attempts, the same idempotency key both times', async () => {
    const gw = await gateway([500, 200]);
    servers.push(gw.server);
    await inTenantTransaction(dataSource, 'city-a', (m) => enqueueNotification(m, unitNotice('city-a', 'overdue:w-1/handling')));
    const r = relay(new WebhookSender({ url: gw.url, secret: SECRET, timeoutMs: 2_000, clearRequesterPhone: true }), undefined, undefined, {
      baseMs: 1_000,
      maxMs: 1_000,
    });

    await r.deliverDue();
    expect((await rows('city-a'))[0]).toMatchObject({ status: 'retrying', attempts: 1, last_error: 'http-500' });
    expect(await r.deliverDue()).toBe(0); // not due again before its backoff
    expect(gw.calls).toHaveLength(1);
    await new Promise((res) => setTimeout(res, 1_100));
    await drain(r);

    const stored = await rows('city-a');
    expect(stored).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2, last_error: null })]);
    expect(gw.calls).toHaveLength(2);
    expect(new Set(gw.calls.map((c) => c.headers['idempotency-key']))).toEqual(new Set([stored[0]!['id']]));
    expect(gw.calls.map((c) => JSON.parse(c.body).attempt)).toEqual([1, 2]);
  });

  it('a 400 fails for good: recorded, out of the queue, never retried', async () => {
    const gw = await gateway([400, 200]);
    servers.push(gw.server);
    await inTenantTransaction(dataSource, 'city-a', (m) => enqueueNotification(m, unitNotice('city-a', 'overdue:w-1/handling')));
    const r = relay(new WebhookSender({ url: gw.url, secret: SECRET, timeoutMs: 2_000, clearRequesterPhone: true }));
    await drain(r);
    await new Promise((res) => setTimeout(res, 100));
    await r.deliverDue();
    expect(await rows('city-a')).toEqual([expect.objectContaining({ status: 'failed', attempts: 1, last_error: 'http-400', failed_at: expect.any(Date) })]);
    expect(gw.calls).toHaveLength(1);
    expect(await queued()).toEqual([]);
  });

  it('a 429, a timeout and a gateway that is not there are retried, each named by a code', async () => {
    const limited = await gateway([429]);
    const slow = await gateway([200], 1_000);
    servers.push(limited.server, slow.server);
    const down = await gateway([200]);
    await new Promise((res) => down.server.close(res));
    const cases = [
      { url: limited.url, error: 'http-429' },
      { url: slow.url, error: 'timeout' },
      { url: down.url, error: 'network:ECONNREFUSED' },
    ];
    for (const [i, c] of cases.entries()) {
      const tenant = `city-t${i}`;
      await inTenantTransaction(dataSource, tenant, (m) => enqueueNotification(m, unitNotice(tenant, 'overdue:w-1/handling')));
      await relay(new WebhookSender({ url: c.url, secret: SECRET, timeoutMs: 200, clearRequesterPhone: true })).deliverDue();
      expect((await rows(tenant))[0]).toMatchObject({ status: 'retrying', attempts: 1, last_error: c.error });
      await dataSource.query(`delete from notification_queue`);
    }
  });

  it('log-and-outbox: delivered by announcing NotificationRequested in the outbox, codes only, with the record of its delivery', async () => {
    await inTenantTransaction(dataSource, 'city-a', async (m) => {
      await enqueueNotification(m, requesterNotice('city-a'));
      await enqueueNotification(m, unitNotice('city-a', 'overdue:w-1/handling'));
    });
    await drain(relay(new LogAndOutboxSender(logger, Events.intake.notificationRequested), undefined, new Outbox('')));
    const stored = await rows('city-a');
    expect(stored.map((r) => r['status'])).toEqual(['delivered', 'delivered']);
    const outbox: Array<{ aggregate_id: string; event_type: string; subject: string; payload: Buffer }> = await dataSource.query(
      `select aggregate_id, event_type, subject, payload from outbox order by seq`,
    );
    expect(outbox.map((o) => [o.aggregate_id, o.event_type, o.subject])).toEqual(
      stored.map((r) => [r['id'], 'hotline.intake.v1.NotificationRequested', 'hl.intake.v1.city-a.notification.requested']),
    );
    const [requester] = outbox.map((o) => Events.intake.notificationRequested.codec.decode(o.payload));
    expect(requester).toMatchObject({
      notificationId: stored[0]!['id'],
      recipientKind: 'requester',
      recipientRef: 'r-1',
      channel: 'sms',
      template: 'extension-approved-requester',
      params: { requestNumber: '3201-20260301-000042', dueAt: '2026-03-20T16:00:00.000Z', extraWorkingDays: '5' },
      sourceRef: 'extension:e-1',
    });
    expect(outbox.map((o) => o.payload.toString('latin1')).join()).not.toMatch(/13812345678|5678/);
  });

  it('two relays on one database hand each notification over once', async () => {
    const gw = await gateway([200]);
    servers.push(gw.server);
    await inTenantTransaction(dataSource, 'city-a', async (m) => {
      for (let i = 0; i < 40; i++) await enqueueNotification(m, unitNotice('city-a', `overdue:w-${i}/handling`));
    });
    const second = new DataSource({ ...dataSource.options } as never);
    await second.initialize();
    try {
      const sender = new WebhookSender({ url: gw.url, secret: SECRET, timeoutMs: 2_000, clearRequesterPhone: true });
      const other = new NotificationRelay(second, sender, logger, undefined, { listen: false, batchSize: 7 });
      const one = new NotificationRelay(dataSource, sender, logger, undefined, { listen: false, batchSize: 7 });
      while ((await queued()).length > 0) await Promise.all([one.deliverDue(), other.deliverDue()]);
    } finally {
      await second.destroy();
    }
    expect(gw.calls).toHaveLength(40);
    expect(new Set(gw.calls.map((c) => c.headers['idempotency-key'])).size).toBe(40);
    expect((await rows('city-a')).every((r) => r['status'] === 'delivered' && r['attempts'] === 1)).toBe(true);
  });
});

describe('the relay started with a service wakes at commit', () => {
  let db: TestDatabase;

  afterEach(() => db?.drop());

  it('delivers a notification within moments of its commit through LISTEN/NOTIFY, not at its next poll', async () => {
    let dataSource: DataSource;
    ({ db, dataSource } = await platformTestDatabase());
    const gw = await gateway([200]);
    const r = new NotificationRelay(dataSource, new WebhookSender({ url: gw.url, secret: SECRET, timeoutMs: 2_000, clearRequesterPhone: true }), logger, undefined, {
      pollMs: 60_000,
    });
    r.start();
    try {
      // The first pass runs at start; give the listener a moment to LISTEN before the commit.
      await new Promise((res) => setTimeout(res, 500));
      await inTenantTransaction(dataSource, 'city-a', (m) => enqueueNotification(m, unitNotice('city-a', 'overdue:w-1/handling')));
      const deadline = Date.now() + 10_000;
      while (gw.calls.length === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
      expect(gw.calls).toHaveLength(1);
    } finally {
      await r.stop();
      await new Promise((res) => gw.server.close(res));
      await dataSource.destroy();
    }
  });
});
