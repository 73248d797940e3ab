import { durableConsumer, Events, streamOf } from '@hotline/contracts';
import { ConsumerMismatchError, ensureConsumer, ensureStream, EventBus } from '../src';
import { deleteNamespaceStreams, SHARED_NATS_URL, uniqueNamespace } from '@hotline/testing';

describe('durable consumer provisioning (real NATS)', () => {
  const namespace = uniqueNamespace();
  let bus: EventBus;

  beforeAll(async () => {
    bus = await EventBus.connect(SHARED_NATS_URL, 'provisioning-test', namespace);
    await ensureStream(bus.jsm, streamOf(namespace, 'intake'));
  });
  afterAll(async () => {
    await bus?.close();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
  });

  it('creates a consumer once, updates it in place, and refuses one deployed with another filter', async () => {
    const filtered = durableConsumer(namespace, 'dispatch', 'intake', 'request-accepted', Events.intake.requestAccepted);
    await ensureConsumer(bus.jsm, namespace, filtered);
    await ensureConsumer(bus.jsm, namespace, filtered, { maxDeliver: 5 }); // same filter: updated
    const info = await bus.jsm.consumers.info(streamOf(namespace, 'intake').name, filtered.durable);
    expect(info.config.max_deliver).toBe(5);
    expect(info.config.filter_subject).toBe(`${namespace}.hl.intake.v1.*.request.accepted`);

    const wholeStream = durableConsumer(namespace, 'dispatch', 'intake', 'request-accepted');
    await expect(ensureConsumer(bus.jsm, namespace, wholeStream)).rejects.toThrow(ConsumerMismatchError);
    await expect(ensureConsumer(bus.jsm, namespace, wholeStream)).rejects.toThrow(/nats consumer rm/);
  });
});
