import { commonV1, dispatchEventsV1, EventHeader, Events, EventsByType, handlingEventsV1, intakeEventsV1, streamOf } from '@hotline/contracts';
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
    answeredBy: 'operator-of-unit',
    signedOffBy: '',
    handleDueAt: '2025-02-14T09:00:00.000Z',
    reworkDueAt: '',
    reworkOnTime: false,
    ...overrides,
  };
}

/** A brief as intake sends it: masked identity only. */
export function brief(requestId: string, overrides: Partial<commonV1.RequestBrief> = {}): commonV1.RequestBrief {
  return {
    requestId,
    number: `3201-20250120-${requestId.slice(-6)}`,
    channel: 'phone',
    requestType: 'complaint',
    urgency: 'normal',
    categoryCode: '030603',
    areaCode: '320104',
    title: '小区电梯停运',
    content: '3号楼电梯停运三天',
    receivedAt: '2025-01-20T01:00:00.000Z',
    requesterMaskedName: '张*',
    requesterMaskedPhone: '138****5678',
    confidential: false,
    anonymous: false,
    categoryPath: ['03', '0306', '030603'],
    taxonomyVersion: 2,
    ...overrides,
  };
}

export function created(
  request: commonV1.RequestBrief,
  workOrderId: string,
  overrides: Partial<handlingEventsV1.WorkOrderCreated> = {},
): handlingEventsV1.WorkOrderCreated {
  return {
    workOrderId,
    request,
    unitId: `unit-of-${workOrderId}`,
    unitName: '住建局',
    role: 'primary',
    signDueAt: '2025-01-21T09:00:00.000Z',
    handleDueAt: '2025-02-14T09:00:00.000Z',
    createdAt: '2025-01-20T01:00:05.000Z',
    unitCode: 'housing',
    dueProvisional: false,
    ...overrides,
  };
}

export function dispatched(
  request: commonV1.RequestBrief,
  assignments: dispatchEventsV1.Assignment[],
  overrides: Partial<dispatchEventsV1.RequestDispatched> = {},
): dispatchEventsV1.RequestDispatched {
  return { request, assignments, mode: 'catalog', catalogVersion: 3, dispatchedAt: '2025-01-20T01:00:04.000Z', dispatchedBy: 'system:dispatch', ...overrides };
}

export function closedAtIntake(
  request: commonV1.RequestBrief,
  overrides: Partial<intakeEventsV1.RequestClosedAtIntake> = {},
): intakeEventsV1.RequestClosedAtIntake {
  return { request, outcome: 'direct-answer', detail: '已告知办理流程和所需材料', closedAt: '2025-01-20T01:05:00.000Z', closedBy: 'agent-7', ...overrides };
}

/** Runs `sql` in a tenant transaction as the service's own role and returns its rows. */
export function query(sut: ServiceUnderTest, tenantId: string, sql: string, params: unknown[] = []) {
  return sut.service.context.db.run(tenantId, (m) => m.query(sql, params));
}

export class Lifecycle {
  constructor(private readonly sut: ServiceUnderTest) {}

  /** Publishes a WorkOrderAnswered as handling would and waits for its review. */
  async answer(tenantId: string, payload: handlingEventsV1.WorkOrderAnswered, messageId = uuidv7()) {
    await publishEvent(this.sut, Events.handling.workOrderAnswered, tenantId, payload, messageId);
    return eventually(`review of ${payload.workOrderId}#${payload.reworkCount}`, async () => {
      const res = await this.sut.as(tenantId, ['reviewer'])('GET', '/v1/reviews?limit=200');
      return res.body.items.find(
        (r: { workOrderId: string; reworkCount: number }) => r.workOrderId === payload.workOrderId && r.reworkCount === payload.reworkCount,
      );
    });
  }

  /** Publishes a RequestAccepted and waits until the case file holds its brief. */
  async accept(tenantId: string, request: commonV1.RequestBrief): Promise<void> {
    await publishEvent(this.sut, Events.intake.requestAccepted, tenantId, { request });
    await this.caseFileHas(tenantId, `select 1 from case_requests where request_id = $1 and brief_rank = 2`, [request.requestId]);
  }

  /** Waits until a case-file query returns a row (the consumer of another stream caught up). */
  caseFileHas(tenantId: string, sql: string, params: unknown[]) {
    return eventually(`case file: ${sql}`, async () => (await query(this.sut, tenantId, sql, params))[0]);
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
