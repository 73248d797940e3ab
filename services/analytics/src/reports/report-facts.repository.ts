import { EntityManager } from 'typeorm';
import { UNKNOWN_KEY } from '@hotline/analytics-domain';
import { ALERT_SEVERITIES, AlertKind, AlertSeverity, RequestStatus, ScopeDecision } from '@hotline/vocabulary';
import type { AlertLine, ClusterLine, HotspotLine } from './report-snapshot';

/** Inclusive local receipt days of a period, as request_facts and work_order_facts carry them. */
export interface Days {
  from: string;
  to: string;
}

const MERGED: RequestStatus = 'merged';
const DIRECT_ANSWER: ScopeDecision = 'direct-answer';
/** Hotspot lines, alerts and clusters a report lists at most. */
export const HOTSPOTS_LISTED = 10;
/** Clusters looked at (hottest first) to find the ones most present in the period. */
const CLUSTER_CANDIDATES = 50;

export interface RequestVolumes {
  received: number;
  closed: number;
  directAnswers: number;
  terminated: number;
  merged: number;
  byType: Array<{ code: string; count: number }>;
  byChannel: Array<{ code: string; count: number }>;
}

/** Requests received within the days (one index range of request_facts): totals, and by type and channel. */
export async function requestVolumes(m: EntityManager, days: Days): Promise<RequestVolumes> {
  const rows: Array<{ request_type: string | null; channel: string | null; n: number; closed: number; direct: number; terminated: number; merged: number }> =
    await m.query(
      `select request_type, channel, count(*)::int as n,
         (count(*) filter (where closed_at is not null))::int as closed,
         (count(*) filter (where intake_outcome = $3))::int as direct,
         (count(*) filter (where terminated_at is not null))::int as terminated,
         (count(*) filter (where status = $4))::int as merged
       from request_facts where day >= $1::date and day <= $2::date
       group by 1, 2`,
      [days.from, days.to, DIRECT_ANSWER, MERGED],
    );
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const by = (key: 'request_type' | 'channel') => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r[key] ?? UNKNOWN_KEY, (counts.get(r[key] ?? UNKNOWN_KEY) ?? 0) + r.n);
    return [...counts.entries()].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  };
  return {
    received: sum((r) => r.n),
    closed: sum((r) => r.closed),
    directAnswers: sum((r) => r.direct),
    terminated: sum((r) => r.terminated),
    merged: sum((r) => r.merged),
    byType: by('request_type'),
    byChannel: by('channel'),
  };
}

export interface OverdueCounts {
  unitId: string | null;
  signOverdue: number;
  handleOverdue: number;
  overdue: number;
}

/**
 * Orders of requests received within the days that handling flagged overdue (WorkOrderOverdue:
 * the sign-for clock, the handling or the rework clock), per unit; a terminated request's orders
 * are left out where the tenant leaves them out of its rates ($3).
 */
export async function overdueByUnit(m: EntityManager, days: Days, excludeTerminated: boolean): Promise<OverdueCounts[]> {
  return m.query(
    `select o.unit_id as "unitId",
       (count(*) filter (where o.sign_overdue))::int as "signOverdue",
       (count(*) filter (where o.handle_overdue or o.rework_overdue))::int as "handleOverdue",
       (count(*) filter (where o.sign_overdue or o.handle_overdue or o.rework_overdue))::int as overdue
     from work_order_facts o
     left join request_facts t on t.tenant_id = o.tenant_id and t.request_id = o.request_id and t.terminated_at is not null
     where o.created_at is not null and o.day >= $1::date and o.day <= $2::date and not ($3::boolean and t.request_id is not null)
     group by 1`,
    [days.from, days.to, excludeTerminated],
  );
}

/** The most frequent categories or areas of the requests received within the days, with their counts in the previous days. */
export async function topKeys(m: EntityManager, column: 'category_code' | 'area_code', days: Days, previous: Days): Promise<HotspotLine[]> {
  // The column is one of two fixed names, never input.
  const rows: Array<{ code: string; count: number; previous: number }> = await m.query(
    `with now_ as (
       select coalesce(${column}, $6) as code, count(*)::int as count from request_facts
       where day >= $1::date and day <= $2::date group by 1 order by 2 desc, 1 limit $5
     )
     select n.code, n.count, coalesce((
       select count(*)::int from request_facts p
       where p.day >= $3::date and p.day <= $4::date and coalesce(p.${column}, $6) = n.code
     ), 0) as previous
     from now_ n order by n.count desc, n.code`,
    [days.from, days.to, previous.from, previous.to, HOTSPOTS_LISTED, UNKNOWN_KEY],
  );
  return rows.map((r) => ({ code: r.code, count: Number(r.count), previous: Number(r.previous) }));
}

/** Alerts raised within the instants: how many by severity, and the most severe (then largest) of them. */
export async function alertsRaised(
  m: EntityManager,
  startsAt: Date,
  endsAt: Date,
): Promise<{ bySeverity: Array<{ severity: AlertSeverity; count: number }>; items: AlertLine[] }> {
  const counts: Array<{ severity: AlertSeverity; count: number }> = await m.query(
    `select severity, count(*)::int as count from alerts where raised_at >= $1 and raised_at < $2 group by 1`,
    [startsAt, endsAt],
  );
  const rows: Array<{ alert_id: string; kind: AlertKind; severity: AlertSeverity; category_code: string | null; area_code: string | null; count: number; raised_at: Date }> =
    await m.query(
      `select alert_id, kind, severity, category_code, area_code, count, raised_at from alerts
       where raised_at >= $1 and raised_at < $2
       order by array_position($3::text[], severity) desc, count desc, raised_at, alert_id limit $4`,
      [startsAt, endsAt, ALERT_SEVERITIES, HOTSPOTS_LISTED],
    );
  return {
    bySeverity: ALERT_SEVERITIES.map((severity) => ({ severity, count: counts.find((c) => c.severity === severity)?.count ?? 0 })).filter((s) => s.count > 0),
    items: rows.map((r) => ({
      alertId: r.alert_id, kind: r.kind, severity: r.severity, categoryCode: r.category_code, areaCode: r.area_code,
      count: Number(r.count), raisedAt: new Date(r.raised_at).toISOString(),
    })),
  };
}

/**
 * Clusters of similar requests (2 or more) with members received within the instants: among the
 * hottest that overlap the period, those with the most members in it.
 */
export async function clustersOfPeriod(m: EntityManager, startsAt: Date, endsAt: Date): Promise<ClusterLine[]> {
  const rows: Array<{ cluster_id: string; category_code: string | null; area_code: string; requests: number; requesters: number; heat: number; in_period: number }> =
    await m.query(
      `select c.cluster_id, c.category_code, c.area_code, c.requests, c.requesters, c.heat,
         (select count(*)::int from cluster_members cm
          where cm.tenant_id = c.tenant_id and cm.cluster_id = c.cluster_id and cm.received_at >= $1 and cm.received_at < $2) as in_period
       from (
         select * from request_clusters
         where requests >= 2 and first_at < $2 and last_at >= $1
         order by heat desc, cluster_id limit $3
       ) c`,
      [startsAt, endsAt, CLUSTER_CANDIDATES],
    );
  return rows
    .filter((r) => r.in_period > 0)
    .sort((a, b) => b.in_period - a.in_period || b.heat - a.heat || (a.cluster_id < b.cluster_id ? -1 : 1))
    .slice(0, HOTSPOTS_LISTED)
    .map((r) => ({
      clusterId: r.cluster_id, categoryCode: r.category_code, areaCode: r.area_code, requestsInPeriod: r.in_period,
      requests: Number(r.requests), requesters: Number(r.requesters), heat: Number(r.heat),
    }));
}
