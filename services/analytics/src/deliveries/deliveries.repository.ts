import { EntityManager } from 'typeorm';
import { Timers, uuidv7 } from '@hotline/platform';
import { AlertDeliveryState, AlertKind, AlertSeverity, severityRank } from '@hotline/vocabulary';

export const DELIVERY_TIMER = 'alert-delivery';

export interface AlertEndpoint {
  name: string;
  url: string;
  secret: string;
  kinds: AlertKind[];
  minSeverity: AlertSeverity;
  active: boolean;
  updatedAt: Date;
}

interface EndpointRow {
  name: string;
  url: string;
  secret: string;
  kinds: AlertKind[];
  min_severity: AlertSeverity;
  active: boolean;
  updated_at: Date;
}

const toEndpoint = (r: EndpointRow): AlertEndpoint => ({
  name: r.name, url: r.url, secret: r.secret, kinds: r.kinds, minSeverity: r.min_severity, active: r.active, updatedAt: new Date(r.updated_at),
});

export async function listEndpoints(m: EntityManager, tenantId: string): Promise<AlertEndpoint[]> {
  const rows: EndpointRow[] = await m.query(
    `select name, url, secret, kinds, min_severity, active, updated_at from alert_endpoints where tenant_id = $1 order by name`,
    [tenantId],
  );
  return rows.map(toEndpoint);
}

export async function findEndpoint(m: EntityManager, tenantId: string, name: string): Promise<AlertEndpoint | undefined> {
  const rows: EndpointRow[] = await m.query(
    `select name, url, secret, kinds, min_severity, active, updated_at from alert_endpoints where tenant_id = $1 and name = $2`,
    [tenantId, name],
  );
  return rows[0] ? toEndpoint(rows[0]) : undefined;
}

export async function saveEndpoint(m: EntityManager, tenantId: string, e: Omit<AlertEndpoint, 'updatedAt'>): Promise<AlertEndpoint> {
  const [row]: EndpointRow[] = await m.query(
    `insert into alert_endpoints (tenant_id, name, url, secret, kinds, min_severity, active, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, now())
     on conflict (tenant_id, name) do update set url = excluded.url, secret = excluded.secret, kinds = excluded.kinds,
       min_severity = excluded.min_severity, active = excluded.active, updated_at = now()
     returning name, url, secret, kinds, min_severity, active, updated_at`,
    [tenantId, e.name, e.url, e.secret, e.kinds, e.minSeverity, e.active],
  );
  return toEndpoint(row as EndpointRow);
}

export interface DeliveryRecord {
  deliveryId: string;
  alertId: string;
  endpointName: string;
  eventType: string;
  body: string;
  state: AlertDeliveryState;
  attempts: number;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

interface DeliveryRow {
  delivery_id: string;
  alert_id: string;
  endpoint_name: string;
  event_type: string;
  body: string;
  state: AlertDeliveryState;
  attempts: number;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
}

const DELIVERY_COLUMNS = 'delivery_id, alert_id, endpoint_name, event_type, body, state, attempts, next_attempt_at, delivered_at, created_at';

const toDelivery = (r: DeliveryRow): DeliveryRecord => ({
  deliveryId: r.delivery_id,
  alertId: r.alert_id,
  endpointName: r.endpoint_name,
  eventType: r.event_type,
  body: r.body,
  state: r.state,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at) : null,
  deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
  createdAt: new Date(r.created_at),
});

/**
 * One delivery per active endpoint that takes this kind and severity, each with its first
 * attempt on the durable timers: the consumer that raised the alert only writes rows, so a slow
 * or dead receiver never holds the pipeline.
 */
export async function scheduleDeliveries(
  m: EntityManager,
  tenantId: string,
  alert: { alertId: string; kind: AlertKind; severity: AlertSeverity },
  eventType: string,
  payload: unknown,
  dueAt: Date,
): Promise<number> {
  const endpoints = (await listEndpoints(m, tenantId)).filter(
    (e) => e.active && e.kinds.includes(alert.kind) && severityRank(alert.severity) >= severityRank(e.minSeverity),
  );
  for (const e of endpoints) {
    const deliveryId = uuidv7();
    const body = JSON.stringify({ deliveryId, type: eventType, tenant: tenantId, ...(payload as object) });
    await m.query(
      `insert into alert_deliveries (tenant_id, delivery_id, alert_id, endpoint_name, event_type, body, state, next_attempt_at, created_at)
       values ($1, $2, $3, $4, $5, $6, 'pending', $7, now())`,
      [tenantId, deliveryId, alert.alertId, e.name, eventType, body, dueAt],
    );
    await Timers.schedule(m, { tenantId, kind: DELIVERY_TIMER, key: `${deliveryId}#1`, dueAt, payload: { deliveryId } });
  }
  return endpoints.length;
}

export async function findDelivery(m: EntityManager, tenantId: string, deliveryId: string, lock = false): Promise<DeliveryRecord | undefined> {
  const rows: DeliveryRow[] = await m.query(
    `select ${DELIVERY_COLUMNS} from alert_deliveries where tenant_id = $1 and delivery_id = $2${lock ? ' for update' : ''}`,
    [tenantId, deliveryId],
  );
  return rows[0] ? toDelivery(rows[0]) : undefined;
}

export async function listDeliveries(
  m: EntityManager,
  tenantId: string,
  q: { alertId?: string; limit: number; offset: number },
): Promise<DeliveryRecord[]> {
  const rows: DeliveryRow[] = await m.query(
    `select ${DELIVERY_COLUMNS} from alert_deliveries where tenant_id = $1 and ($2::text is null or alert_id = $2)
      order by created_at desc, delivery_id desc limit $3 offset $4`,
    [tenantId, q.alertId ?? null, q.limit, q.offset],
  );
  return rows.map(toDelivery);
}

export interface AttemptRecord {
  attempt: number;
  attemptedAt: Date;
  status: number | null;
  error: string | null;
}

export async function attemptsOf(m: EntityManager, tenantId: string, deliveryId: string): Promise<AttemptRecord[]> {
  const rows: Array<{ attempt: number; attempted_at: Date; status: number | null; error: string | null }> = await m.query(
    `select attempt, attempted_at, status, error from alert_delivery_attempts where tenant_id = $1 and delivery_id = $2 order by attempt`,
    [tenantId, deliveryId],
  );
  return rows.map((r) => ({ attempt: Number(r.attempt), attemptedAt: new Date(r.attempted_at), status: r.status, error: r.error }));
}

/** Logs one attempt and moves the delivery: delivered, failed for good, or pending until `nextAt`. */
export async function recordAttempt(
  m: EntityManager,
  tenantId: string,
  d: DeliveryRecord,
  outcome: { status: number | null; error: string | null; delivered: boolean; nextAt: Date | null },
): Promise<void> {
  const attempt = d.attempts + 1;
  await m.query(
    `insert into alert_delivery_attempts (tenant_id, delivery_id, attempt, attempted_at, status, error) values ($1, $2, $3, now(), $4, $5)`,
    [tenantId, d.deliveryId, attempt, outcome.status, outcome.error],
  );
  const state: AlertDeliveryState = outcome.delivered ? 'delivered' : outcome.nextAt ? 'pending' : 'failed';
  await m.query(
    `update alert_deliveries set attempts = $3, state = $4, next_attempt_at = $5, delivered_at = case when $4 = 'delivered' then now() end
      where tenant_id = $1 and delivery_id = $2`,
    [tenantId, d.deliveryId, attempt, state, outcome.nextAt],
  );
  if (outcome.nextAt)
    await Timers.schedule(m, { tenantId, kind: DELIVERY_TIMER, key: `${d.deliveryId}#${attempt + 1}`, dueAt: outcome.nextAt, payload: { deliveryId: d.deliveryId } });
}

/** Replay: the delivery goes out again now, its log kept (attempts go on counting). */
export async function replayDelivery(m: EntityManager, tenantId: string, d: DeliveryRecord): Promise<void> {
  const now = new Date();
  await m.query(`update alert_deliveries set state = 'pending', next_attempt_at = $3 where tenant_id = $1 and delivery_id = $2`, [tenantId, d.deliveryId, now]);
  await Timers.schedule(m, { tenantId, kind: DELIVERY_TIMER, key: `${d.deliveryId}#${d.attempts + 1}`, dueAt: now, payload: { deliveryId: d.deliveryId } });
}
