import { commonV1, Events } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { CLEAR, CLEAR_VALUES, eventually, everythingStored } from '@hotline/testing';
import { analyticsService } from '../src/analytics.service';

describe('analytics keeps no free text of the events it reads (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const tenant = 'city-p';
  const get = (path: string) => sut.as(tenant, ['supervisor'])('GET', path);
  // Every free-text field of every event analytics reads, clear, as an older producer or a replay may send them.
  const request: commonV1.RequestBrief = {
    requestId: 'r-pii', number: '3201-20250303-000001', channel: 'phone', requestType: 'complaint', urgency: 'normal', categoryCode: 'C01',
    areaCode: '320102', title: `请回电${CLEAR.mobile}`, content: `身份证${CLEAR.id}，卡号${CLEAR.card}`, receivedAt: '2025-03-03T02:00:00Z',
    requesterMaskedName: '张*', requesterMaskedPhone: '138****5678', confidential: false, anonymous: false, categoryPath: ['C01'], taxonomyVersion: 1,
  };
  const order = { workOrderId: 'w-pii', requestId: request.requestId, unitId: 'u-water' };

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService);
    await publishEvent(sut, Events.intake.requestAccepted, tenant, { request });
    await publishEvent(sut, Events.intake.requestClosedAtIntake, tenant, {
      request: { ...request, requestId: 'r-pii-2' }, outcome: 'explained', detail: `已告知拨打${CLEAR.landline}`, closedAt: '', closedBy: 'agent',
    });
    await publishEvent(sut, Events.dispatch.requestQueued, tenant, { request, reason: 'no entry', queuedAt: '' });
    await publishEvent(sut, Events.dispatch.requestDispatched, tenant, { request, assignments: [], mode: 'manual', catalogVersion: 0, dispatchedAt: '', dispatchedBy: 'd' });
    await publishEvent(sut, Events.handling.workOrderCreated, tenant, {
      ...order, request, unitName: '市水务局', role: 'primary', signDueAt: '2025-03-04T16:00:00Z', handleDueAt: '2025-03-20T16:00:00Z',
      createdAt: '2025-03-03T02:05:00Z', unitCode: 'water', dueProvisional: false,
    });
    await publishEvent(sut, Events.handling.workOrderAnswered, tenant, {
      ...order, role: 'primary', answer: `已退款至${CLEAR.card}`, basis: `座机${CLEAR.landline}`, contactRecord: `致电${CLEAR.mobile}`,
      answeredAt: '2025-03-04T02:00:00Z', onTime: true, reworkCount: 0, handlingWorkingHours: 3, answeredBy: 'op', signedOffBy: '', handleDueAt: '', reworkDueAt: '', reworkOnTime: false,
    });
    await publishEvent(sut, Events.revisit.answerReviewed, tenant, {
      reviewId: 'rv', ...order, passed: false, reasons: [`请回电${CLEAR.mobile}`], reviewedAt: '2025-03-04T03:00:00Z', reviewedBy: 'r', role: 'primary',
    });
    await publishEvent(sut, Events.handling.workOrderReopened, tenant, {
      ...order, reasons: [`核对身份证${CLEAR.id}`], reworkCount: 1, handleDueAt: '', reopenedAt: '2025-03-04T03:00:01Z', reworkDueAt: '',
    });
    await eventually('every event read', async () => {
      const tallies = (await get('/v1/event-tallies?limit=200')).body.items as Array<{ count: number }>;
      return tallies.reduce((n, t) => n + t.count, 0) === 8;
    });
  });

  afterAll(() => sut?.close());

  it('stores none of it, in any table', async () => {
    const stored = await everythingStored(sut.db);
    expect(stored).toContain('r-pii');
    expect(stored).not.toMatch(CLEAR_VALUES);
  });

  it('shows none of it in any view', async () => {
    for (const path of ['/v1/metrics/statuses', '/v1/metrics/rates?groupBy=unit', '/v1/metrics/rates?groupBy=category', '/v1/event-tallies'])
      expect(JSON.stringify((await get(path)).body)).not.toMatch(CLEAR_VALUES);
  });
});
