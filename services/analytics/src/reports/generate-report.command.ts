import type { EntityManager } from 'typeorm';
import type { PeriodSpan } from '@hotline/analytics-domain';
import type { TenantDb, TenantDirectory } from '@hotline/platform';
import type { ReportGenerator } from '@hotline/vocabulary';
import { tenantTimeZone } from '../tenant-settings/tenant-time-zones';
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

/**
 * The tenant's name as the directory knows it (its code when it does not), and the time zone
 * its days are counted in (tenant_settings, ADR 0038): a report's periods are the days its
 * figures are bucketed by. `m` is a transaction of the tenant's, else one is opened.
 */
export async function tenantOf(
  db: TenantDb,
  tenants: TenantDirectory,
  tenantId: string,
  m?: EntityManager,
): Promise<{ id: string; name: string; timeZone: string }> {
  const known = await tenants.find(tenantId, m);
  const timeZone = m ? await tenantTimeZone(m, tenantId) : await db.read(tenantId, (tm) => tenantTimeZone(tm, tenantId));
  return { id: tenantId, name: known?.name ?? tenantId, timeZone };
}

/**
 * Generates a report of the period and stores it as a new version, in one transaction that
 * every read of the figures joins. The schedule generates a period once: when its report is
 * there already, nothing is computed and undefined comes back.
 */
export async function generateReport(db: TenantDb, tenants: TenantDirectory, g: GenerateReport): Promise<ReportRecord | undefined> {
  return db.ambient(g.tenantId, async (m) => {
    await lockPeriod(m, g.tenantId, g.span);
    const tenant = await tenantOf(db, tenants, g.tenantId, m);
    if (g.generator === 'schedule' && (await scheduledReportExists(m, g.tenantId, g.span))) return undefined;
    const now = g.now ?? new Date();
    const snapshot = await computeReport(db, m, {
      tenant, span: g.span, generator: g.generator, generatedBy: g.generatedBy, now, delayMinutes: g.delayMinutes,
    });
    return insertReport(m, g.tenantId, g.span, snapshot);
  });
}
