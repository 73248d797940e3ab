import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The Prometheus registry of one service, with the counters the platform parts update. */
export class Metrics {
  readonly registry = new Registry();
  readonly outboxPublished: Counter;
  readonly outboxErrors: Counter;
  readonly inboxProcessed: Counter<'consumer' | 'result'>;
  readonly deadLetters: Counter<'consumer' | 'recorded'>;
  readonly timersFired: Counter<'kind' | 'result'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly dbStatements: Counter<'kind'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.outboxPublished = new Counter({ name: 'hl_outbox_published_total', help: 'Outbox events acknowledged by JetStream', registers });
    this.outboxErrors = new Counter({ name: 'hl_outbox_publish_errors_total', help: 'Failed outbox publish attempts', registers });
    this.inboxProcessed = new Counter({
      name: 'hl_inbox_messages_total',
      help: 'Consumed messages by result (applied, duplicate, ignored, retried, unavailable, dead-lettered)',
      labelNames: ['consumer', 'result'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'hl_dead_letters_total',
      help: 'Dead letters recorded, by consumer and where (database, or parked on the broker while the database is down)',
      labelNames: ['consumer', 'recorded'],
      registers,
    });
    this.timersFired = new Counter({
      name: 'hl_timers_total',
      help: 'Timer runs by result (fired, retried, failed)',
      labelNames: ['kind', 'result'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'hl_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    // Round trips are what the hot path costs (issue 18: one socket write per statement was 40 %
    // of intake's profile), so they are counted, by their first keyword.
    this.dbStatements = new Counter({
      name: 'hl_db_statements_total',
      help: 'Statements sent to the service database through its pool, by kind (select, insert, update, delete, transaction, other)',
      labelNames: ['kind'],
      registers,
    });
  }
}

const STATEMENT_KINDS: Record<string, string> = {
  select: 'select', with: 'select', insert: 'insert', update: 'update', delete: 'delete',
  start: 'transaction', begin: 'transaction', commit: 'transaction', rollback: 'transaction', savepoint: 'transaction', release: 'transaction',
};

/** The kind a statement is counted under: its first keyword, folded into a few kinds. */
export function statementKind(sql: string): string {
  const word = /^\s*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? '';
  return STATEMENT_KINDS[word] ?? 'other';
}
