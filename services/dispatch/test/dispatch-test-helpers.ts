import { commonV1, EventDefinition, eventSubject, streamOf } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';

/**
 * A RequestBrief as intake's RequestAccepted carries it (masked identity only). Without a
 * categoryPath it is shaped like a brief published before intake sent paths.
 */
export function requestBrief(overrides: Partial<commonV1.RequestBrief> = {}): commonV1.RequestBrief {
  return {
    requestId: uuidv7(),
    number: '3201-20250124-000042',
    channel: 'phone',
    requestType: 'complaint',
    urgency: 'normal',
    categoryCode: '010203',
    areaCode: '320102',
    title: '小区电梯停运三天',
    content: '小区 3 栋电梯停运三天，老人无法下楼。',
    receivedAt: '2025-01-24T02:00:00.000Z',
    requesterMaskedName: '张*',
    requesterMaskedPhone: '138****5678',
    confidential: false,
    anonymous: false,
    categoryPath: [],
    taxonomyVersion: 0,
    ...overrides,
  };
}

/** Every event of one type and tenant on the service's own stream, decoded, in stream order. */
export async function eventsOnStream<T>(sut: ServiceUnderTest, event: EventDefinition<T>, tenantId: string): Promise<T[]> {
  const { jsm } = sut.service.context.bus;
  const stream = streamOf(sut.namespace, 'dispatch').name;
  const subject = eventSubject(sut.namespace, event, tenantId);
  const info = await jsm.streams.info(stream);
  const found: T[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message?.subject === subject) found.push(event.codec.decode(message.data));
  }
  return found;
}

/** Waits for the event about one request to reach the stream (through outbox and relay). */
export function eventFor<T extends { request?: commonV1.RequestBrief }>(
  sut: ServiceUnderTest,
  event: EventDefinition<T>,
  tenantId: string,
  requestId: string,
): Promise<T> {
  return eventually(`${event.type} for ${requestId}`, async () =>
    (await eventsOnStream(sut, event, tenantId)).find((e) => e.request?.requestId === requestId),
  );
}
