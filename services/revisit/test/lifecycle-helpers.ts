import { EventHeader, Events, EventsByType, handlingEventsV1, streamOf } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { publishEvent, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';

export interface StreamEvent {
  seq: number;
  type: string;
  tenantId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on decoded payloads
  payload: any;
}

/** Every event on the revisit stream, in stream order, decoded by its hl-type header. */
export async function revisitStream(sut: ServiceUnderTest): Promise<StreamEvent[]> {
  const { jsm } = sut.service.context.bus;
  const stream = streamOf(sut.namespace, 'revisit').name;
  const info = await jsm.streams.info(stream);
  const events: StreamEvent[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq += 1) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (!message) continue;
    const type = message.header.get(EventHeader.type);
    const definition = EventsByType.get(type);
    if (!definition) throw new Error(`unknown event type ${type}`);
    events.push({ seq, type, tenantId: message.header.get(EventHeader.tenant), payload: definition.codec.decode(message.data) });
  }
  return events;
}

/** Waits until the stream holds every event the outbox has for a tenant, then returns them. */
export async function publishedEvents(sut: ServiceUnderTest, tenantId: string): Promise<StreamEvent[]> {
  const [{ n }] = await sut.service.context.dataSource.query(`select count(*)::int as n from outbox where tenant_id = $1`, [tenantId]);
  return eventually(`${n} events of ${tenantId} on the stream`, async () => {
    const events = (await revisitStream(sut)).filter((e) => e.tenantId === tenantId);
    return events.length >= n ? events : undefined;
  });
}

export function answered(
  requestId: string,
  workOrderId: string,
  overrides: Partial<handlingEventsV1.WorkOrderAnswered> = {},
): handlingEventsV1.WorkOrderAnswered {
  return {
    workOrderId,
    requestId,
    unitId: `unit-of-${workOrderId}`,
    role: 'primary',
    answer: '经核实,已安排维修人员于1月25日修复路灯。',
    basis: '《城市照明管理规定》第十条',
    contactRecord: '2025-01-24 10:00 电话联系诉求人,已告知处理结果',
    answeredAt: '2025-01-24T02:00:00.000Z',
    onTime: true,
    reworkCount: 0,
    handlingWorkingHours: 6.5,
    ...overrides,
  };
}

export class Lifecycle {
  constructor(private readonly sut: ServiceUnderTest) {}

  /** Publishes a WorkOrderAnswered as handling would and waits for its pending review. */
  async answer(tenantId: string, payload: handlingEventsV1.WorkOrderAnswered, messageId = uuidv7()) {
    await publishEvent(this.sut, Events.handling.workOrderAnswered, tenantId, payload, messageId);
    return eventually(`review of ${payload.workOrderId}#${payload.reworkCount}`, async () => {
      const res = await this.sut.as(tenantId, ['reviewer'])('GET', '/v1/reviews?limit=200');
      return res.body.items.find(
        (r: { workOrderId: string; reworkCount: number }) => r.workOrderId === payload.workOrderId && r.reworkCount === payload.reworkCount,
      );
    });
  }

  decide(tenantId: string, reviewId: string, body: unknown) {
    return this.sut.as(tenantId, ['reviewer'])('POST', `/v1/reviews/${reviewId}/decision`, body);
  }

  /** A request whose primary answer passed review: ready for its revisit. */
  async readyForRevisit(tenantId: string, requestId = uuidv7()): Promise<string> {
    const review = await this.answer(tenantId, answered(requestId, uuidv7()));
    const res = await this.decide(tenantId, review.id, { passed: true });
    if (res.status !== 200) throw new Error(`decision failed: ${JSON.stringify(res.body)}`);
    return requestId;
  }

  revisit(tenantId: string, requestId: string, overrides: Record<string, unknown> = {}) {
    return this.sut.as(tenantId, ['agent'])('POST', '/v1/revisits', {
      requestId, method: 'phone', resolved: true, satisfaction: 'satisfied', ...overrides,
    });
  }
}
