import { commonV1, Events, EventHeader } from '@hotline/contracts';
import { runOperatorCommand } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually, serviceEnv, SHARED_NATS_URL } from '@hotline/testing';
import { analyticsService } from '../src/analytics.service';

const CONSUMER = 'analytics--hl-handling-v1--all';
const brief: commonV1.RequestBrief = {
  requestId: 'r-dl', number: '3201-dl', channel: 'phone', requestType: 'complaint', urgency: 'normal', categoryCode: 'C01', areaCode: '320102',
  title: 't', content: 'c', receivedAt: '2025-03-03T02:00:00Z', requesterMaskedName: '', requesterMaskedPhone: '', confidential: false,
  anonymous: false, categoryPath: ['C01'], taxonomyVersion: 1,
};
const created = {
  workOrderId: 'w-dl', request: brief, unitId: 'u-water', unitName: '市水务局', role: 'primary', signDueAt: '2025-03-04T16:00:00Z',
  handleDueAt: '2025-03-20T16:00:00Z', createdAt: '2025-03-03T02:05:00Z', unitCode: 'water', dueProvisional: false,
};

// Issue 18: dead letters an operator can work — listed with their errors, replayed after a fix,
// idempotently through the inbox; over HTTP and with the service's own entry point.
describe('dead letters (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const env = () => serviceEnv({ databaseUrl: sut.db.url, natsUrl: SHARED_NATS_URL, namespace: sut.namespace });
  const operator = () => sut.as('province-32', ['province-operator']);

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService);
  });
  afterAll(() => sut?.close());

  it('records an event its handler can never apply, after a few attempts, and lists it by scope', async () => {
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', { workOrderId: '', requestId: 'r', unitId: 'u', signedAt: '', onTime: true, signedBy: '' });
    const list = await eventually('the dead letter', async () => {
      const res = await operator()('GET', '/v1/dead-letters');
      return res.body.total === 1 ? res.body : undefined;
    }, 30_000);
    expect(list.items[0]).toMatchObject({ consumer: CONSUMER, tenantId: 'city-a', eventType: Events.handling.workOrderSigned.type, source: 'consumer', replayedAt: null });
    expect(list.items[0].error).toMatch(/failed on attempt 5\/5: work_order_id is empty/);
    expect(list.items[0]).not.toHaveProperty('payload');
    expect((await sut.as('city-a', ['tenant-admin'])('GET', '/v1/dead-letters')).body.total).toBe(1);
    expect((await sut.as('city-b', ['tenant-admin'])('GET', '/v1/dead-letters')).body.total).toBe(0);
    expect((await sut.as('city-a', ['supervisor'])('GET', '/v1/dead-letters')).status).toBe(403);
    expect((await operator()('GET', '/v1/dead-letters?state=someday')).status).toBe(400);

    const replay = await operator()('POST', `/v1/dead-letters/${list.items[0].id}/replay`);
    expect(replay.body).toMatchObject({ result: 'failed', detail: 'work_order_id is empty' });
    expect((await operator()('GET', '/v1/dead-letters')).body.items[0]).toMatchObject({ replayCount: 1, lastReplayError: 'work_order_id is empty' });
  });

  it('replays a letter once its cause is gone: applied once, and a second replay changes nothing', async () => {
    // A letter recorded while the release had a bug: a valid event the consumer failed on.
    const messageId = 'msg-replay-1';
    const payload = Buffer.from(Events.handling.workOrderCreated.codec.encode(created).finish());
    const [{ id }] = await sut.service.context.dataSource.query(
      `insert into dead_letters (consumer, message_id, subject, event_type, tenant_id, headers, payload, deliveries, error)
       values ($1, $2, 'hl.handling.v1.city-a.work-order.created', $3, 'city-a', $4, $5, 5, 'a bug since fixed') returning id`,
      [CONSUMER, messageId, Events.handling.workOrderCreated.type, JSON.stringify({ [EventHeader.msgId]: messageId }), payload],
    );
    expect((await sut.as('city-b', ['tenant-admin'])('POST', `/v1/dead-letters/${id}/replay`)).status).toBe(404);
    expect((await sut.as('city-a', ['tenant-admin'])('POST', `/v1/dead-letters/${id}/replay`)).body).toMatchObject({ result: 'applied' });
    const facts = await sut.service.context.db.run('city-a', (m) => m.query(`select work_order_id, unit_name from work_order_facts where work_order_id = 'w-dl'`));
    expect(facts).toEqual([{ work_order_id: 'w-dl', unit_name: '市水务局' }]);
    expect((await operator()('POST', `/v1/dead-letters/${id}/replay`)).body).toMatchObject({ result: 'already-applied' });
    const again = await sut.service.context.db.run('city-a', (m) => m.query(`select count(*)::int as n from work_order_facts where work_order_id = 'w-dl'`));
    expect(again).toEqual([{ n: 1 }]);
    const replayed = await operator()('GET', '/v1/dead-letters?state=replayed');
    expect(replayed.body.items.map((d: { id: number }) => d.id)).toEqual([Number(id)]);
  });

  it('lists and replays with the service’s own entry point (main.js dead-letters …)', async () => {
    const list = await runOperatorCommand(analyticsService, 'dead-letters', ['list', '--state', 'all'], env());
    expect(list.exitCode).toBe(0);
    expect(list.output).toMatch(/^2 dead letter\(s\)\n/);
    expect(list.output).toContain('work_order_id is empty');
    const replay = await runOperatorCommand(analyticsService, 'dead-letters', ['replay', '--all'], env());
    expect(replay).toMatchObject({ exitCode: 1, output: 'replayed 1: 0 applied, 0 already applied, 1 failed, 0 not replayable\n' });
    expect((await runOperatorCommand(analyticsService, 'dead-letters', ['purge'], env())).exitCode).toBe(64);
  });
});
