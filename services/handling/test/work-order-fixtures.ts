import { commonV1, dispatchEventsV1, EventDefinition, Events, intakeEventsV1, revisitEventsV1 } from '@hotline/contracts';
import { signLocalToken, uuidv7 } from '@hotline/platform';
import { publishEvent, ServiceUnderTest } from '@hotline/service-testing';
import { eventually, TEST_AUTH_SECRET } from '@hotline/testing';
import type { RequestStatus, Role } from '@hotline/vocabulary';

/** A RequestBrief as intake would describe it (masked requester only). */
export function brief(overrides: Partial<commonV1.RequestBrief> = {}): commonV1.RequestBrief {
  return {
    requestId: uuidv7(),
    number: '3201-20261128-000001',
    channel: 'phone',
    requestType: 'complaint',
    urgency: 'normal',
    categoryCode: '010203',
    areaCode: '320102',
    title: '小区噪音扰民',
    content: '夜间施工噪音',
    receivedAt: new Date().toISOString(),
    requesterMaskedName: '张*',
    requesterMaskedPhone: '138****5678',
    confidential: false,
    anonymous: false,
    categoryPath: ['01', '0102', '010203'],
    taxonomyVersion: 1,
    ...overrides,
  };
}

export const assignment = (unitCode: string, role: 'primary' | 'assisting' = 'primary'): dispatchEventsV1.Assignment => ({
  unitId: `id-${unitCode}`,
  unitCode,
  unitName: `单位 ${unitCode}`,
  role,
});

/** A catalog dispatch, by default now; `dispatchedAt` sets the instant the clocks start. */
export function dispatched(
  request: commonV1.RequestBrief,
  assignments: dispatchEventsV1.Assignment[],
  dispatchedAt: string = new Date().toISOString(),
): dispatchEventsV1.RequestDispatched {
  return { request, assignments, mode: 'catalog', catalogVersion: 3, dispatchedAt, dispatchedBy: 'system:dispatch' };
}

export function reviewed(
  order: { id: string; requestId: string; unitId: string; role?: string },
  passed: boolean,
  reasons: string[] = [],
): revisitEventsV1.AnswerReviewed {
  return {
    reviewId: uuidv7(),
    requestId: order.requestId,
    workOrderId: order.id,
    unitId: order.unitId,
    passed,
    reasons,
    reviewedAt: new Date().toISOString(),
    reviewedBy: 'city-a:reviewer-1',
    role: order.role ?? 'primary',
  };
}

/** intake's status change of a request (only the closing ones matter to handling). */
export function statusChanged(requestId: string, from: RequestStatus, to: RequestStatus, sequence: number): intakeEventsV1.RequestStatusChanged {
  return { requestId, fromStatus: from, toStatus: to, reason: 'revisit-closed', at: new Date().toISOString(), actor: 'system:revisit', sequence: String(sequence) };
}

/** A token of a named staff member (the harness's own tokens all share one subject). */
export function staffToken(tenantId: string, roles: Role[], subject: string, unit?: string): Promise<string> {
  return signLocalToken(TEST_AUTH_SECRET, { tenantId, roles, unit, subject });
}

/** Publishes a dispatch and waits until handling holds `count` orders for the request. */
export async function dispatchAndWait(sut: ServiceUnderTest, tenantId: string, event: dispatchEventsV1.RequestDispatched, count: number) {
  await publishEvent(sut, Events.dispatch.requestDispatched, tenantId, event);
  return eventually(`${count} work orders`, async () => {
    const res = await sut.as(tenantId, ['dispatcher'])('GET', `/v1/work-orders?requestId=${event.request!.requestId}`);
    return res.body.items.length === count ? res.body.items : undefined;
  });
}

/** Publishes an event and waits until the consumer recorded it in its inbox. */
export async function publishAndWait<T>(sut: ServiceUnderTest, event: EventDefinition<T>, tenantId: string, payload: T): Promise<void> {
  const id = await publishEvent(sut, event, tenantId, payload);
  await eventually(`${event.type} consumed`, async () =>
    (await sut.service.context.dataSource.query(`select 1 from inbox where message_id = $1`, [id])).length > 0);
}

/** The outbox payloads of one event type for one aggregate (work order or tenant calendar), oldest first. */
export async function outboxEvents<T>(sut: ServiceUnderTest, event: EventDefinition<T>, aggregateId: string): Promise<T[]> {
  const rows: Array<{ payload: Buffer }> = await sut.service.context.dataSource.query(
    `select payload from outbox where event_type = $1 and aggregate_id = $2 order by seq`,
    [event.type, aggregateId],
  );
  return rows.map((r) => event.codec.decode(new Uint8Array(r.payload)));
}

/** The work-order timers of an order, by kind: its overdue timers unless `kinds` (a LIKE pattern) says otherwise. */
export async function timersOf(
  sut: ServiceUnderTest,
  workOrderId: string,
  kinds = '%-overdue',
): Promise<Array<{ kind: string; state: string; due_at: Date }>> {
  return sut.service.context.dataSource.query(
    `select kind, state, due_at from timers where key = $1 and kind like $2 order by kind`, [workOrderId, kinds]);
}
