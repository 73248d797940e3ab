import { Events } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { CLEAR, CLEAR_VALUES, eventually, everythingStored, MASKED } from '@hotline/testing';
import { dispatchService } from '../src/dispatch.service';
import { eventFor, requestBrief } from './dispatch-test-helpers';

describe('dispatch keeps and passes on the brief masked only (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let unitId: string;
  const tenant = 'city-p';
  // What an older intake, or a replay of its stream, may still carry: the citizen's text in clear.
  const clearText = { title: `电梯停运，请回电${CLEAR.mobile}`, content: `身份证${CLEAR.id}，退费卡号${CLEAR.card}，座机${CLEAR.landline}` };
  const maskedText = { title: `电梯停运，请回电${MASKED.mobile}`, content: `身份证${MASKED.id}，退费卡号${MASKED.card}，座机${MASKED.landline}` };
  const placed = requestBrief({ categoryCode: '0102', ...clearText });
  const waiting = requestBrief({ categoryCode: '9901', ...clearText });

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    unitId = (await sut.as(tenant, ['tenant-admin'])('POST', '/v1/units', { code: 'HOUSING', name: '住建局', areaCodes: ['320102'] })).body.id;
    await sut.as(tenant, ['tenant-admin'])('PUT', '/v1/catalog', { entries: [{ categoryCode: '01', areaCode: '*', primaryUnitId: unitId }] });
    for (const request of [placed, waiting]) await publishEvent(sut, Events.intake.requestAccepted, tenant, { request });
  });

  afterAll(() => sut?.close());

  it('passes the brief on masked when the catalog places the request', async () => {
    const dispatched = await eventFor(sut, Events.dispatch.requestDispatched, tenant, placed.requestId);
    expect(dispatched.request).toEqual({ ...placed, ...maskedText });
  });

  it('queues the brief masked, shows it masked, and passes it on masked when a dispatcher places it', async () => {
    const queued = await eventFor(sut, Events.dispatch.requestQueued, tenant, waiting.requestId);
    expect(queued.request).toEqual({ ...waiting, ...maskedText });
    const queue = await eventually('the request waits', async () => {
      const res = await sut.as(tenant, ['dispatcher'])('GET', '/v1/dispatch-queue');
      return res.body.items.length > 0 ? res.body : undefined;
    });
    expect(queue.items).toEqual([expect.objectContaining({ requestId: waiting.requestId, title: maskedText.title })]);

    const assigned = await sut.as(tenant, ['dispatcher'])('POST', `/v1/dispatch-queue/${waiting.requestId}/assign`, { primaryUnitId: unitId });
    expect(assigned.status).toBe(200);
    const dispatched = await eventFor(sut, Events.dispatch.requestDispatched, tenant, waiting.requestId);
    expect(dispatched.request).toEqual({ ...waiting, ...maskedText });
  });

  it('stores no clear copy anywhere: queue, dispatches, outbox', async () => {
    const stored = await everythingStored(sut.db);
    expect(stored).toContain(MASKED.card);
    expect(stored).not.toMatch(CLEAR_VALUES);
  });
});
