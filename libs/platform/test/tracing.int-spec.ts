import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { DataSource } from 'typeorm';
import { streamOf } from '@hotline/contracts';
import { deleteNamespaceStreams, eventually, SHARED_NATS_URL, TestDatabase, uniqueNamespace } from '@hotline/testing';
import { createLogger, ensureConsumer, ensureStream, EventBus, InboxConsumer, Outbox, OutboxRelay } from '../src';
import { applyEffect, platformTestDatabase, testConsumer, writeEvents } from './fixtures';

// NATS has no OpenTelemetry instrumentation: the trace context travels in message headers,
// stored with the outbox row when the command runs and continued by the consumer.
describe('trace context across NATS (real PostgreSQL and NATS)', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let db: TestDatabase;
  let dataSource: DataSource;
  let bus: EventBus;
  const namespace = uniqueNamespace();

  beforeAll(async () => {
    provider.register();
    ({ db, dataSource } = await platformTestDatabase());
    bus = await EventBus.connect(SHARED_NATS_URL, 'tracing-test', namespace);
  });

  afterAll(async () => {
    await bus.close();
    await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
    await dataSource.destroy();
    await db.drop();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('continues the producing command’s trace in the consumer', async () => {
    const logger = createLogger('tracing-test', 'silent');
    const spec = testConsumer(namespace, 'trace');
    await ensureStream(bus.jsm, streamOf(namespace, 'intake'));
    await ensureConsumer(bus.jsm, namespace, spec);
    const outbox = new Outbox(namespace);

    const command = trace.getTracer('test').startSpan('POST /v1/channels');
    await context.with(trace.setSpan(context.active(), command), () => writeEvents(dataSource, outbox, 'agg-1', 1));
    command.end();

    const [row] = await dataSource.query('select headers from outbox');
    expect(row.headers.traceparent).toMatch(new RegExp(`^00-${command.spanContext().traceId}-${command.spanContext().spanId}-01$`));

    const relay = new OutboxRelay(dataSource, bus, logger, undefined, { pollMs: 20 });
    const consumer = new InboxConsumer(bus, dataSource, spec, applyEffect, logger);
    relay.start();
    consumer.start();
    try {
      const consumed = await eventually('the consumer span', async () =>
        exporter.getFinishedSpans().find((s) => s.name === `consume ${spec.durable}`),
      );
      expect(consumed.spanContext().traceId).toBe(command.spanContext().traceId);
      expect(consumed.parentSpanContext?.spanId).toBe(command.spanContext().spanId);
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });
});
