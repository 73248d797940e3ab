import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { createLogger } from './logger';

function captured() {
  const lines: string[] = [];
  const logger = createLogger('test', 'info', { write: (line: string) => void lines.push(line) });
  return { logger, records: () => lines.map((l) => JSON.parse(l)) };
}

describe('logger', () => {
  // What the OpenTelemetry SDK installs when tracing is on.
  beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());

  it('redacts requester PII and credentials wherever they appear', () => {
    const { logger, records } = captured();
    logger.info(
      { requester: { name: '张三', phone: '13812345678', idNumber: '320102199001011234' }, req: { headers: { authorization: 'Bearer x' } } },
      'request received',
    );
    const [record] = records();
    expect(JSON.stringify(record)).not.toMatch(/13812345678|张三|320102199001011234|Bearer x/);
    expect(record.requester.phone).toBe('[redacted]');
    expect(record).toMatchObject({ service: 'test', msg: 'request received' });
  });

  it('carries the active trace and span ids', () => {
    const { logger, records } = captured();
    const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
    context.with(trace.setSpanContext(context.active(), spanContext), () => logger.info('inside a span'));
    logger.info('outside');
    const [inside, outside] = records();
    expect(inside).toMatchObject({ trace_id: spanContext.traceId, span_id: spanContext.spanId });
    expect(outside.trace_id).toBeUndefined();
  });
});
