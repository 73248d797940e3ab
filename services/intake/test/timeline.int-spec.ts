import { Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { configureTenant, contact, outboxEvents } from './intake-fixtures';
import { answered, archived, ASSISTING, at, dispatched, PRIMARY, reopened, reviewed, signed } from './lifecycle-events';

describe('intake timeline and request status (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    await configureTenant(sut, 'city-a');
  });
  afterAll(() => sut?.close());

  const agent = (...a: [string, string, unknown?]) => sut.as('city-a', ['agent'])(...a);
  const detail = async (id: string) => (await agent('GET', `/v1/requests/${id}`)).body;
  /** Waits until the request's timeline has `steps` entries. */
  const timelineOf = (id: string, steps: number) =>
    eventually(`${steps} timeline steps`, async () => {
      const body = await detail(id);
      return body.timeline.length >= steps ? body : undefined;
    });
  const statusChanges = async (requestId: string) =>
    (await outboxEvents(sut, Events.intake.requestStatusChanged, requestId)).map((e) => [e.sequence, e.fromStatus, e.toStatus, e.reason, e.actor, e.at]);
  async function accepted(body: Record<string, unknown> = {}) {
    const res = await agent('POST', '/v1/requests', contact(body));
    const [event] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    return { id: res.body.id as string, brief: event!.request!, receivedAt: res.body.receivedAt as string };
  }

  it('follows the lifecycle into status and timeline, only the primary unit moving the status', async () => {
    const { id, brief, receivedAt } = await accepted();
    await publishEvent(sut, Events.dispatch.requestQueued, 'city-a', { request: brief, reason: 'no catalog entry', queuedAt: at(1) });
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(brief, 2, 'dispatcher-7'));
    expect((await timelineOf(id, 3)).status).toBe('dispatched');

    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(id, ASSISTING, 3));
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, ASSISTING, 4));
    let body = await timelineOf(id, 5);
    expect(body).toMatchObject({ status: 'dispatched', primaryUnitId: PRIMARY });

    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(id, PRIMARY, 5));
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, PRIMARY, 6));
    expect((await timelineOf(id, 7)).status).toBe('answered');
    // Review fails: rework sends the request back to in-progress, then a new answer passes.
    await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(id, PRIMARY, false, 7));
    await timelineOf(id, 8); // the streams are independent: let the review land before handling's reopen
    await publishEvent(sut, Events.handling.workOrderReopened, 'city-a', reopened(id, 8));
    expect((await timelineOf(id, 9)).status).toBe('in-progress');
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, PRIMARY, 9, 1));
    await timelineOf(id, 10);
    await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(id, ASSISTING, true, 10));
    await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(id, PRIMARY, true, 11));
    await publishEvent(sut, Events.revisit.revisitRecorded, 'city-a', {
      revisitId: 'r1', requestId: id, method: 'phone', resolved: true, satisfaction: 'satisfied', recordedAt: at(12), unitId: PRIMARY,
      recordedBy: 'agent-3',
    });
    await publishEvent(sut, Events.revisit.requestClosed, 'city-a', {
      requestId: id, closedAt: at(13), resolved: true, satisfaction: 'satisfied', closedBy: 'agent-3', revisitOutcome: 'evaluated',
    });
    await publishEvent(sut, Events.revisit.requestArchived, 'city-a', archived(id, 14));
    body = await timelineOf(id, 15);
    expect(body.status).toBe('archived');
    expect(body.closedAt).toBe(at(13));
    expect(body.timeline.map((t: { status: string | null }) => t.status)).toEqual([
      'registered', 'awaiting-dispatch', 'dispatched', null, null, 'in-progress', 'answered', null, 'in-progress', 'answered',
      null, 'reviewed', 'revisited', 'closed', 'archived',
    ]);
    expect(body.timeline[2]).toMatchObject({
      eventType: 'hotline.dispatch.v1.RequestDispatched', at: at(2), reason: 'dispatched', actor: 'dispatcher-7',
    });
    expect(JSON.stringify(body.timeline)).not.toContain('已联系物业公司维修');

    // Every change was announced, in order, once, with why and by whom.
    expect(await statusChanges(id)).toEqual([
      ['1', '', 'registered', 'registered', 'city-a:user', receivedAt],
      ['2', 'registered', 'awaiting-dispatch', 'queued-for-manual-dispatch', 'system:dispatch', at(1)],
      ['3', 'awaiting-dispatch', 'dispatched', 'dispatched', 'dispatcher-7', at(2)],
      ['4', 'dispatched', 'in-progress', 'primary-signed', `op-${PRIMARY}`, at(5)],
      ['5', 'in-progress', 'answered', 'primary-answered', `op-${PRIMARY}`, at(6)],
      ['6', 'answered', 'in-progress', 'review-failed', 'system:handling', at(8)],
      ['7', 'in-progress', 'answered', 'primary-answered', `op-${PRIMARY}`, at(9)],
      ['8', 'answered', 'reviewed', 'review-passed', 'reviewer-1', at(11)],
      ['9', 'reviewed', 'revisited', 'revisit-recorded', 'agent-3', at(12)],
      ['10', 'revisited', 'closed', 'revisit-closed', 'agent-3', at(13)],
      ['11', 'closed', 'archived', 'archived', 'system:revisit', at(14)],
    ]);
  });

  it('ignores late cross-stream events that would move the status backwards', async () => {
    const { id, brief } = await accepted();
    // handling's events overtake dispatch's: the primary work order names the primary unit.
    await publishEvent(sut, Events.handling.workOrderCreated, 'city-a', {
      workOrderId: `wo-${PRIMARY}`, request: brief, unitId: PRIMARY, unitName: '玄武区住建局', role: 'primary',
      signDueAt: at(30), handleDueAt: at(59), createdAt: at(2), unitCode: 'xw-zj', dueProvisional: false,
    });
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(id, PRIMARY, 3));
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, PRIMARY, 4));
    expect((await timelineOf(id, 4)).status).toBe('answered');
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(brief, 1));
    const body = await timelineOf(id, 5);
    expect(body.status).toBe('answered');
    // The late dispatch is still a dispatched step, in its causal place, though it changed nothing.
    expect(body.timeline.map((t: { status: string | null; changedStatus: boolean }) => [t.status, t.changedStatus])).toEqual([
      ['registered', true],
      ['dispatched', false],
      [null, false],
      ['in-progress', true],
      ['answered', true],
    ]);
    expect(body.timeline[1]).toMatchObject({ reason: 'dispatched', eventType: 'hotline.dispatch.v1.RequestDispatched', at: at(1) });
    expect((await statusChanges(id)).map(([sequence, , to]) => [sequence, to])).toEqual([
      ['1', 'registered'],
      ['2', 'in-progress'],
      ['3', 'answered'],
    ]);
  });

  it("ignores a reopening that the passing review of the new answer overtook, and honours one later than it", async () => {
    const { id, brief } = await accepted();
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(brief, 1));
    await timelineOf(id, 2);
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, PRIMARY, 2));
    await timelineOf(id, 3);
    // An older event without a role: the primary unit decides.
    await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(id, PRIMARY, true, 11, ''));
    expect((await timelineOf(id, 4)).status).toBe('reviewed');
    await publishEvent(sut, Events.handling.workOrderReopened, 'city-a', reopened(id, 8));
    const stale = await timelineOf(id, 5);
    expect(stale.status).toBe('reviewed');
    await publishEvent(sut, Events.handling.workOrderReopened, 'city-a', reopened(id, 12, 2));
    const body = await timelineOf(id, 6);
    expect(body.status).toBe('in-progress');
    // Both reopenings are rework steps of the history; only the later one moved the status.
    const rework = body.timeline.filter((t: { reason: string | null }) => t.reason === 'review-failed');
    expect(rework.map((t: { at: string; round: number; changedStatus: boolean }) => [t.at, t.round, t.changedStatus])).toEqual([
      [at(8), 1, false],
      [at(12), 2, true],
    ]);
  });

  it('archives requests closed at intake when revisit archives them', async () => {
    const notAccepted = await agent('POST', '/v1/requests', contact({ scope: { decision: 'legal-route', reason: '请通过劳动仲裁解决' } }));
    const direct = await agent('POST', '/v1/requests', contact({ scope: { decision: 'direct-answer', answer: '办理时间为工作日' } }));
    await publishEvent(sut, Events.revisit.requestArchived, 'city-a', archived(notAccepted.body.id, 20));
    await publishEvent(sut, Events.revisit.requestArchived, 'city-a', archived(direct.body.id, 21));
    for (const [res, closedStatus] of [[notAccepted, 'not-accepted'], [direct, 'closed']] as const) {
      const body = await timelineOf(res.body.id, 3);
      expect(body).toMatchObject({ status: 'archived', closedAt: res.body.closedAt });
      expect((await statusChanges(res.body.id))[2]).toEqual(['3', closedStatus, 'archived', 'archived', 'system:revisit', expect.any(String)]);
    }
  });

  it('records cancelled orders and skipped revisits without a status, then the closure', async () => {
    const { id, brief } = await accepted({ requester: { anonymous: true } });
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(brief, 1));
    await timelineOf(id, 2); // each stream has its own consumer: wait before switching streams
    await publishEvent(sut, Events.handling.workOrderAnswered, 'city-a', answered(id, PRIMARY, 2));
    await publishEvent(sut, Events.handling.workOrderOverdue, 'city-a', {
      workOrderId: `wo-${ASSISTING}`, requestId: id, unitId: ASSISTING, clock: 'handling', dueAt: at(3), flaggedAt: at(3),
    });
    await timelineOf(id, 4);
    await publishEvent(sut, Events.revisit.answerReviewed, 'city-a', reviewed(id, PRIMARY, true, 4));
    await timelineOf(id, 5);
    await publishEvent(sut, Events.revisit.revisitSkipped, 'city-a', { requestId: id, reason: 'anonymous-requester', skippedAt: at(5), unitId: PRIMARY });
    await publishEvent(sut, Events.revisit.requestClosed, 'city-a', {
      requestId: id, closedAt: at(6), resolved: false, satisfaction: '', closedBy: 'system:revisit', revisitOutcome: 'skipped',
    });
    await timelineOf(id, 7);
    await publishEvent(sut, Events.handling.workOrderCancelled, 'city-a', {
      workOrderId: `wo-${ASSISTING}`, requestId: id, unitId: ASSISTING, role: 'assisting', reason: 'request-closed',
      previousStatus: 'in-progress', cancelledAt: at(7),
    });
    const body = await timelineOf(id, 8);
    expect(body.status).toBe('closed');
    expect(body.timeline.slice(3).map((t: { status: string | null; note: string }) => [t.status, t.note])).toEqual([
      [null, 'handling overdue'],
      ['reviewed', 'review passed'],
      [null, 'revisit skipped: anonymous-requester'],
      ['closed', 'skipped'],
      [null, 'assisting order cancelled: request-closed (was in-progress)'],
    ]);
  });

  it('ignores unknown requests and events outside the lifecycle, and applies a redelivery once', async () => {
    const { id, brief } = await accepted();
    const unknown = { ...brief, requestId: '00000000-0000-4000-8000-000000000000' };
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(unknown, 1));
    await publishEvent(sut, Events.handling.calendarChanged, 'city-a', { timeZone: 'Asia/Shanghai', extraHolidays: [], extraWorkingDays: [], changedAt: at(1) });
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', { ...signed('not-a-uuid', PRIMARY, 1) });
    const messageId = await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(brief, 2));
    await timelineOf(id, 2);
    await publishEvent(sut, Events.dispatch.requestDispatched, 'city-a', dispatched(brief, 2), messageId);
    // Another tenant's event naming this request id changes nothing here (RLS hides the row).
    await publishEvent(sut, Events.dispatch.requestQueued, 'city-b', { request: brief, reason: 'x', queuedAt: at(3) });
    await publishEvent(sut, Events.handling.workOrderSigned, 'city-a', signed(id, PRIMARY, 4));
    const body = await timelineOf(id, 3);
    expect(body.timeline).toHaveLength(3);
    expect(body.status).toBe('in-progress');
    expect((await statusChanges(id)).map(([sequence]) => sequence)).toEqual(['1', '2', '3']);
    const [dead] = await sut.service.context.dataSource.query(`select count(*)::int as n from dead_letters`);
    expect(dead.n).toBe(0);
  });
});
