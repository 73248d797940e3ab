import type { EntityManager } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '@hotline/calendar';
import type { PeriodSpan } from '@hotline/analytics-domain';
import type { TenantDb, TenantDirectory } from '@hotline/platform';
import type { ReportGenerator } from '@hotline/vocabulary';
import { computeReport } from './compute-report';
import { insertReport, lockPeriod, ReportRecord, scheduledReportExists } from './reports.repository';

export interface GenerateReport {
  tenantId: string;
  span: PeriodSpan;
  generator: ReportGenerator;
  generatedBy: string;
  delayMinutes: number;
  now?: Date;
}

/** The tenant's name and time zone as the directory knows them (the defaults when it does not). */
export async function tenantOf(tenants: TenantDirectory, tenantId: string, m?: EntityManager): Promise<{ id: string; name: string; timeZone: string }> {
  const known = await tenants.find(tenantId, m);
  return { id: tenantId, name: known?.name ?? tenantId, timeZone: known?.timeZone || DEFAULT_TIME_ZONE };
}

/**
 * Generates a report of the period and stores it as a new version, in one transaction that
 * every read of the figures joins. The schedule generates a period once: when its report is
 * there already, nothing is computed and undefined comes back.
 */
export async function generateReport(db: TenantDb, tenants: TenantDirectory, g: GenerateReport): Promise<ReportRecord | undefined> {
  const tenant = await tenantOf(tenants, g.tenantId);
  return db.ambient(g.tenantId, async (m) => {
    await lockPeriod(m, g.tenantId, g.span);
    if (g.generator === 'schedule' && (await scheduledReportExists(m, g.tenantId, g.span))) return undefined;
    const now = g.now ?? new Date();
    const snapshot = await computeReport(db, m, {
      tenant, span: g.span, generator: g.generator, generatedBy: g.generatedBy, now, delayMinutes: g.delayMinutes,
    });
    return insertReport(m, g.tenantId, g.span, snapshot);
  });
}
