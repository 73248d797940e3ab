import { EntityManager } from 'typeorm';
import type { PeriodSpan } from '@hotline/analytics-domain';
import { uuidv7 } from '@hotline/platform';
import type { ReportGenerator, ReportPeriod, ReportState } from '@hotline/vocabulary';
import type { ReportSnapshot } from './report-snapshot';

export interface ReportRecord {
  reportId: string;
  period: ReportPeriod;
  periodStart: string;
  periodEnd: string;
  periodKey: string;
  timeZone: string;
  version: number;
  generator: ReportGenerator;
  generatedBy: string;
  generatedAt: Date;
  /** Superseded once a later version of the same period exists. */
  state: ReportState;
}

interface ReportRow {
  report_id: string;
  period: ReportPeriod;
  period_start: string;
  period_end: string;
  period_key: string;
  time_zone: string;
  version: number;
  generator: ReportGenerator;
  generated_by: string;
  generated_at: Date;
  superseded: boolean;
  snapshot?: ReportSnapshot;
}

// Dates as text: a `date` column would come back as a JavaScript Date at the server's midnight.
const COLUMNS = `report_id, period, to_char(period_start, 'YYYY-MM-DD') as period_start, to_char(period_end, 'YYYY-MM-DD') as period_end,
  period_key, time_zone, version, generator, generated_by, generated_at,
  exists (select 1 from reports later where later.tenant_id = r.tenant_id and later.period = r.period
          and later.period_start = r.period_start and later.version > r.version) as superseded`;

const toRecord = (r: ReportRow): ReportRecord => ({
  reportId: r.report_id,
  period: r.period,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  periodKey: r.period_key,
  timeZone: r.time_zone,
  version: Number(r.version),
  generator: r.generator,
  generatedBy: r.generated_by,
  generatedAt: new Date(r.generated_at),
  state: r.superseded ? 'superseded' : 'issued',
});

/**
 * Holds the tenant's period until the transaction ends, so two generations of one period number
 * their versions one after the other (and the schedule's check-then-insert is not raced).
 */
export async function lockPeriod(m: EntityManager, tenantId: string, span: PeriodSpan): Promise<void> {
  await m.query(`select pg_advisory_xact_lock(hashtextextended($1, 17))`, [`reports:${tenantId}:${span.period}:${span.start}`]);
}

export async function scheduledReportExists(m: EntityManager, tenantId: string, span: PeriodSpan): Promise<boolean> {
  const rows = await m.query(`select 1 from reports where tenant_id = $1 and period = $2 and period_start = $3 and generator = 'schedule'`, [
    tenantId,
    span.period,
    span.start,
  ]);
  return rows.length > 0;
}

/** Stores a new version of the period's report (the caller holds lockPeriod). */
export async function insertReport(m: EntityManager, tenantId: string, span: PeriodSpan, snapshot: ReportSnapshot): Promise<ReportRecord> {
  const [{ next }]: Array<{ next: number }> = await m.query(
    `select coalesce(max(version), 0) + 1 as next from reports where tenant_id = $1 and period = $2 and period_start = $3`,
    [tenantId, span.period, span.start],
  );
  const reportId = uuidv7();
  await m.query(
    `insert into reports (tenant_id, report_id, period, period_start, period_end, period_key, time_zone, version, generator, generated_by, generated_at, snapshot)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [tenantId, reportId, span.period, span.start, span.end, span.key, snapshot.timeZone, next, snapshot.generator, snapshot.generatedBy, snapshot.generatedAt, JSON.stringify(snapshot)],
  );
  return {
    reportId, period: span.period, periodStart: span.start, periodEnd: span.end, periodKey: span.key, timeZone: snapshot.timeZone, version: Number(next),
    generator: snapshot.generator, generatedBy: snapshot.generatedBy, generatedAt: new Date(snapshot.generatedAt), state: 'issued',
  };
}

/** The tenant's reports, the latest period first and its newest version first. */
export async function listReports(m: EntityManager, q: { period?: ReportPeriod; limit: number; offset: number }): Promise<ReportRecord[]> {
  const rows: ReportRow[] = await m.query(
    `select ${COLUMNS} from reports r where ($1::text is null or period = $1)
     order by period_start desc, period, version desc limit $2 offset $3`,
    [q.period ?? null, q.limit, q.offset],
  );
  return rows.map(toRecord);
}

export async function countReports(m: EntityManager, period: ReportPeriod | undefined): Promise<number> {
  const [row]: Array<{ n: number }> = await m.query(`select count(*)::int as n from reports where ($1::text is null or period = $1)`, [period ?? null]);
  return row?.n ?? 0;
}

/** One report with its snapshot; row-level security keeps every other tenant's out of sight. */
export async function findReport(m: EntityManager, reportId: string): Promise<(ReportRecord & { snapshot: ReportSnapshot }) | undefined> {
  const [row]: ReportRow[] = await m.query(`select ${COLUMNS}, snapshot from reports r where report_id = $1`, [reportId]);
  return row ? { ...toRecord(row), snapshot: row.snapshot as ReportSnapshot } : undefined;
}
