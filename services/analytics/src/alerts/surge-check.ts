import { EntityManager } from 'typeorm';
import { baselineOf, HotspotSettings, surgeSeverity, surgeThreshold } from '@hotline/analytics-domain';
import { addDays } from '@hotline/calendar';
import { Outbox, uuidv7 } from '@hotline/platform';
import { counterShard } from '../common/counter-shard';
import { severityRank } from '@hotline/vocabulary';
import { ALERT_REQUEST_IDS_KEPT, NEW_ALERT, openSurgeAlert } from './alerts.repository';
import { raiseAlert, updateRunningAlert } from './raise-alert.command';

const HOUR_MS = 3_600_000;

export interface CountedRequest {
  requestId: string;
  categoryCode: string;
  areaCode: string;
  receivedAt: Date;
  /** Local receipt day. */
  day: string;
}

/** Counts the request into its key's rollups; false when it was counted before (a replay). */
async function countRequest(m: EntityManager, tenantId: string, r: CountedRequest): Promise<boolean> {
  const inserted: unknown[] = await m.query(
    `insert into hotspot_requests (tenant_id, request_id, category_code, area_code, received_at) values ($1, $2, $3, $4, $5)
     on conflict do nothing returning request_id`,
    [tenantId, r.requestId, r.categoryCode, r.areaCode, r.receivedAt],
  );
  if (inserted.length === 0) return false;
  await m.query(
    `insert into hotspot_daily_volumes (tenant_id, category_code, area_code, day, shard, count) values ($1, $2, $3, $4, $5, 1)
     on conflict (tenant_id, category_code, area_code, day, shard) do update set count = hotspot_daily_volumes.count + 1`,
    [tenantId, r.categoryCode, r.areaCode, r.day, counterShard()],
  );
  // Written only when the day is earlier than the one kept: not a lock on one row per tenant for every request.
  const [earlier] = await m.query(`select 1 from hotspot_history where tenant_id = $1 and first_day <= $2`, [tenantId, r.day]);
  if (!earlier)
    await m.query(
      `insert into hotspot_history (tenant_id, first_day) values ($1, $2)
       on conflict (tenant_id) do update set first_day = least(hotspot_history.first_day, excluded.first_day)`,
      [tenantId, r.day],
    );
  return true;
}

/**
 * Surge check of one category × area at a request's arrival: the window of requests ending at
 * it against the baseline of its kind of day; raises the key's alert or updates the running one.
 */
export async function checkSurge(m: EntityManager, outbox: Outbox, tenantId: string, r: CountedRequest, s: HotspotSettings): Promise<void> {
  if (!(await countRequest(m, tenantId, r))) return;
  const windowStart = new Date(r.receivedAt.getTime() - s.windowHours * HOUR_MS);
  const key = [tenantId, r.categoryCode, r.areaCode];
  const [{ count }]: Array<{ count: string }> = await m.query(
    `select count(*) as count from hotspot_requests
      where tenant_id = $1 and category_code = $2 and area_code = $3 and received_at > $4 and received_at <= $5`,
    [...key, windowStart, r.receivedAt],
  );
  const inWindow = Number(count);
  if (inWindow < s.minCount) return;

  const from = addDays(r.day, -(364 + s.seasonalDays));
  const days: Array<{ day: string; count: number }> = await m.query(
    `select to_char(day, 'YYYY-MM-DD') as day, sum(count) as count from hotspot_daily_volumes
      where tenant_id = $1 and category_code = $2 and area_code = $3 and day >= $4 and day < $5 group by day`,
    [...key, from, r.day],
  );
  const [history]: Array<{ first_day: string }> = await m.query(`select to_char(first_day, 'YYYY-MM-DD') as first_day from hotspot_history where tenant_id = $1`, [tenantId]);
  const baseline = baselineOf(r.day, new Map(days.map((d) => [d.day, Number(d.count)])), history?.first_day ?? r.day, s);
  const threshold = surgeThreshold(baseline.expected, s);
  if (inWindow < threshold) return;

  const severity = surgeSeverity(inWindow, threshold);
  const figures = { expected: baseline.expected, threshold, baselineSource: baseline.source, updatedAt: r.receivedAt };
  const running = await openSurgeAlert(m, tenantId, r.categoryCode, r.areaCode, windowStart);
  // The first requests of the window, as many as an alert keeps; a running alert that keeps as many already has them.
  const ids: Array<{ request_id: string }> =
    running && running.requestIds.length >= ALERT_REQUEST_IDS_KEPT
      ? []
      : await m.query(
          `select request_id from hotspot_requests
            where tenant_id = $1 and category_code = $2 and area_code = $3 and received_at > $4 and received_at <= $5
            order by received_at, request_id limit ${ALERT_REQUEST_IDS_KEPT}`,
          [...key, windowStart, r.receivedAt],
        );
  if (running) {
    const requestIds = [...new Set([...running.requestIds, ...ids.map((i) => i.request_id)])].slice(0, ALERT_REQUEST_IDS_KEPT);
    const raisedSeverity = severityRank(severity) > severityRank(running.severity) ? severity : running.severity;
    await updateRunningAlert(
      m, outbox, tenantId,
      { ...running, ...figures, severity: raisedSeverity, count: Math.max(running.count, inWindow), windowEnd: r.receivedAt, requestIds },
      running.severity, s,
    );
    return;
  }
  await raiseAlert(m, outbox, tenantId, {
    alertId: uuidv7(), kind: 'surge', severity, categoryCode: r.categoryCode, areaCode: r.areaCode, count: inWindow, ...figures,
    windowStart, windowEnd: r.receivedAt, requestIds: ids.map((i) => i.request_id), riskCodes: [], riskCategories: [], stabilityRisk: false,
    raisedAt: r.receivedAt, ...NEW_ALERT,
  }, s);
}
