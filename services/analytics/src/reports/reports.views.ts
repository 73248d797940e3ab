import { REPORT_PERIOD_LABELS } from '@hotline/vocabulary';
import type { ReportRecord } from './reports.repository';
import type { ReportSnapshot } from './report-snapshot';

/** A report in a listing: what it covers, which version, who had it made, and where its forms are. */
export function reportSummaryView(r: ReportRecord) {
  const self = `/v1/reports/${r.reportId}`;
  return {
    id: r.reportId,
    period: r.period,
    periodLabel: REPORT_PERIOD_LABELS[r.period].zh,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    periodKey: r.periodKey,
    timeZone: r.timeZone,
    version: r.version,
    state: r.state,
    generator: r.generator,
    generatedBy: r.generatedBy,
    generatedAt: r.generatedAt.toISOString(),
    links: { self, csv: `${self}.csv`, print: `${self}/print` },
  };
}

/** GET /v1/reports/{id}: the summary and the snapshot as it was issued. */
export function reportView(r: ReportRecord, snapshot: ReportSnapshot) {
  return { ...reportSummaryView(r), report: snapshot };
}
