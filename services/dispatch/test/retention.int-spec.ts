import { Events } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { dispatchService } from '../src/dispatch.service';
import { eventFor, requestBrief } from './dispatch-test-helpers';

// revisit's retention run ends a closed request's period; dispatch removes what its copies hold (issue 13).
describe('dispatch: a request anonymised after its retention period (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const tenant = 'city-r';
  const placed = requestBrief({ categoryCode: '0102', title: '燃气停供三天', content: '请王女士回电' });
  const waiting = requestBrief({ categoryCode: '9901', title: '路灯不亮', content: '西门口路灯坏了' });
  const kept = requestBrief({ categoryCode: '9901', title: '噪音扰民', content: '夜间施工' });
  const stored = (requestId: string) =>
    sut.service.context.db.run(tenant, async (m) => ({
      dispatch: (await m.query(`select brief, mode from dispatches where request_id = $1`, [requestId]))[0],
      queue: (await m.query(`select brief from dispatch_queue where request_id = $1`, [requestId]))[0],
    }));

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    const unitId = (await sut.as(tenant, ['tenant-admin'])('POST', '/v1/units', { code: 'GAS', name: '燃气办', areaCodes: ['320102'] })).body.id;
    await sut.as(tenant, ['tenant-admin'])('PUT', '/v1/catalog', { entries: [{ categoryCode: '01', areaCode: '*', primaryUnitId: unitId }] });
    for (const request of [placed, waiting, kept]) await publishEvent(sut, Events.intake.requestAccepted, tenant, { request });
    await eventFor(sut, Events.dispatch.requestDispatched, tenant, placed.requestId);
    await eventFor(sut, Events.dispatch.requestQueued, tenant, waiting.requestId);
    await eventFor(sut, Events.dispatch.requestQueued, tenant, kept.requestId);
  });
  afterAll(() => sut?.close());

  it('replaces the identity and text of its briefs by the marker, keeps codes, and leaves other requests alone', async () => {
    const anonymised = { requesterMaskedName: ANONYMISED_MARKER, requesterMaskedPhone: ANONYMISED_MARKER, title: ANONYMISED_MARKER, content: ANONYMISED_MARKER };
    for (const request of [placed, waiting, { requestId: 'not-a-uuid' }])
      await publishEvent(sut, Events.revisit.requestAnonymised, tenant, { requestId: request.requestId, anonymisedAt: new Date().toISOString(), runId: uuidv7() });

    const dispatched = await eventually('the dispatched brief anonymised', async () => {
      const s = await stored(placed.requestId);
      return s.dispatch?.brief?.title === ANONYMISED_MARKER ? s : undefined;
    });
    expect(dispatched.dispatch.brief).toMatchObject({ ...anonymised, number: placed.number, categoryCode: '0102' });
    expect(dispatched.dispatch.mode).toBe('catalog');
    const queued = await eventually('the queued brief anonymised', async () => {
      const s = await stored(waiting.requestId);
      return s.queue?.brief?.title === ANONYMISED_MARKER ? s : undefined;
    });
    expect(queued.queue.brief).toMatchObject(anonymised);
    expect((await stored(kept.requestId)).queue.brief).toMatchObject({ title: '噪音扰民', content: '夜间施工', requesterMaskedName: '张*' });
  });
});
