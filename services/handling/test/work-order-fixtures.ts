import { commonV1, dispatchEventsV1, EventDefinition, Events, revisitEventsV1 } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';

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
    ...overrides,
  };
}

export const assignment = (unitCode: string, role: 'primary' | 'assisting' = 'primary'): dispatchEventsV1.Assignment => ({
  unitId: `id-${unitCode}`,
  unitCode,
  unitName: `单位 ${unitCode}`,
  role,
});

export function dispatched(request: commonV1.RequestBrief, assignments: dispatchEventsV1.Assignment[]): dispatchEventsV1.RequestDispatched {
  return { request, assignments, mode: 'catalog', catalogVersion: 3, dispatchedAt: new Date().toISOString(), dispatchedBy: '' };
}

export function reviewed(order: { id: string; requestId: string; unitId: string }, passed: boolean, reasons: string[] = []): revisitEventsV1.AnswerReviewed {
  return {
    reviewId: uuidv7(), requestId: order.requestId, workOrderId: order.id, unitId: order.unitId,
    passed, reasons, reviewedAt: new Date().toISOString(),
  };
}

/** Publishes a dispatch and waits until handling holds `count` orders for the request. */
export async function dispatchAndWait(sut: ServiceUnderTest, tenantId: string, event: dispatchEventsV1.RequestDispatched, count: number) {
  await publishEvent(sut, Events.dispatch.requestDispatched, tenantId, event);
  return eventually(`${count} work orders`, async () => {
    const res = await sut.as(tenantId, ['dispatcher'])('GET', `/v1/work-orders?requestId=${event.request!.requestId}`);
    return res.body.items.length === count ? res.body.items : undefined;
  });
}

/** The outbox payloads of one event type for one work order, oldest first. */
export async function outboxEvents<T>(sut: ServiceUnderTest, event: EventDefinition<T>, workOrderId: string): Promise<T[]> {
  const rows: Array<{ payload: Buffer }> = await sut.service.context.dataSource.query(
    `select payload from outbox where event_type = $1 and aggregate_id = $2 order by seq`,
    [event.type, workOrderId],
  );
  return rows.map((r) => event.codec.decode(new Uint8Array(r.payload)));
}
