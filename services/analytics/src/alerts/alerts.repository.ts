import { EntityManager } from 'typeorm';
import type { AlertKind, AlertSeverity, RiskCategory } from '@hotline/vocabulary';

/** How many request ids an alert keeps for drill-down (its count goes on). */
export const ALERT_REQUEST_IDS_KEPT = 50;

export interface AlertRecord {
  alertId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  categoryCode: string | null;
  areaCode: string | null;
  count: number;
  expected: number;
  threshold: number;
  baselineSource: string | null;
  windowStart: Date;
  windowEnd: Date;
  requestIds: string[];
  riskCodes: string[];
  riskCategories: RiskCategory[];
  stabilityRisk: boolean;
  raisedAt: Date;
  updatedAt: Date;
}

interface AlertRow {
  alert_id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  category_code: string | null;
  area_code: string | null;
  count: number;
  expected: number;
  threshold: number;
  baseline_source: string | null;
  window_start: Date;
  window_end: Date;
  request_ids: string[];
  risk_codes: string[];
  risk_categories: RiskCategory[];
  stability_risk: boolean;
  raised_at: Date;
  updated_at: Date;
}

export const ALERT_COLUMNS = `alert_id, kind, severity, category_code, area_code, count, expected, threshold, baseline_source,
  window_start, window_end, request_ids, risk_codes, risk_categories, stability_risk, raised_at, updated_at`;

export function toAlertRecord(r: AlertRow): AlertRecord {
  return {
    alertId: r.alert_id,
    kind: r.kind,
    severity: r.severity,
    categoryCode: r.category_code,
    areaCode: r.area_code,
    count: Number(r.count),
    expected: Number(r.expected),
    threshold: Number(r.threshold),
    baselineSource: r.baseline_source,
    windowStart: new Date(r.window_start),
    windowEnd: new Date(r.window_end),
    requestIds: r.request_ids,
    riskCodes: r.risk_codes,
    riskCategories: r.risk_categories,
    stabilityRisk: r.stability_risk,
    raisedAt: new Date(r.raised_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** The surge alert of a key still running at `at`: its last request is less than a window before, locked. */
export async function openSurgeAlert(m: EntityManager, tenantId: string, category: string, area: string, since: Date): Promise<AlertRecord | undefined> {
  const rows: AlertRow[] = await m.query(
    `select ${ALERT_COLUMNS} from alerts
      where tenant_id = $1 and kind = 'surge' and category_code = $2 and area_code = $3 and window_end > $4
      order by window_end desc limit 1 for update`,
    [tenantId, category, area, since],
  );
  return rows[0] ? toAlertRecord(rows[0]) : undefined;
}

export async function insertAlert(m: EntityManager, tenantId: string, a: AlertRecord): Promise<void> {
  await m.query(
    `insert into alerts (tenant_id, alert_id, kind, severity, category_code, area_code, count, expected, threshold, baseline_source,
       window_start, window_end, request_ids, risk_codes, risk_categories, stability_risk, raised_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      tenantId, a.alertId, a.kind, a.severity, a.categoryCode, a.areaCode, a.count, a.expected, a.threshold, a.baselineSource,
      a.windowStart, a.windowEnd, a.requestIds, a.riskCodes, a.riskCategories, a.stabilityRisk, a.raisedAt, a.updatedAt,
    ],
  );
}

export async function updateAlert(m: EntityManager, tenantId: string, a: AlertRecord): Promise<void> {
  await m.query(
    `update alerts set severity = $3, count = $4, expected = $5, threshold = $6, baseline_source = $7, window_end = $8,
       request_ids = $9, updated_at = $10
     where tenant_id = $1 and alert_id = $2`,
    [tenantId, a.alertId, a.severity, a.count, a.expected, a.threshold, a.baselineSource, a.windowEnd, a.requestIds, a.updatedAt],
  );
}
