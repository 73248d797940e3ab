import { EntityManager } from 'typeorm';
import type { AlertKind, AlertSeverity, AlertState, RiskCategory } from '@hotline/vocabulary';

/** How many request ids an alert keeps for drill-down (its count goes on). */
export const ALERT_REQUEST_IDS_KEPT = 50;

/** A supervisor's acknowledgement of an alert: who took it on, when, at which severity, with a note (masked). */
export interface AlertAcknowledgement {
  at: Date;
  by: string;
  severity: AlertSeverity;
  note: string | null;
}

/** Where a new alert starts: open, never acknowledged. */
export const NEW_ALERT = { state: 'open', acknowledgement: null, reopenedAt: null } as const satisfies Pick<AlertRecord, 'state' | 'acknowledgement' | 'reopenedAt'>;

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
  state: AlertState;
  /** The latest acknowledgement; kept when a rise in severity reopened the alert since (reopenedAt after its time). */
  acknowledgement: AlertAcknowledgement | null;
  reopenedAt: Date | null;
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
  state: AlertState;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_severity: AlertSeverity | null;
  acknowledgement_note: string | null;
  reopened_at: Date | null;
}

export const ALERT_COLUMNS = `alert_id, kind, severity, category_code, area_code, count, expected, threshold, baseline_source,
  window_start, window_end, request_ids, risk_codes, risk_categories, stability_risk, raised_at, updated_at,
  state, acknowledged_at, acknowledged_by, acknowledged_severity, acknowledgement_note, reopened_at`;

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
    state: r.state,
    acknowledgement:
      r.acknowledged_at && r.acknowledged_by && r.acknowledged_severity
        ? { at: new Date(r.acknowledged_at), by: r.acknowledged_by, severity: r.acknowledged_severity, note: r.acknowledgement_note }
        : null,
    reopenedAt: r.reopened_at ? new Date(r.reopened_at) : null,
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

/** A running alert's newest figures, and its state when the update reopened it; its acknowledgement is never touched here. */
export async function updateAlert(m: EntityManager, tenantId: string, a: AlertRecord): Promise<void> {
  await m.query(
    `update alerts set severity = $3, count = $4, expected = $5, threshold = $6, baseline_source = $7, window_end = $8,
       request_ids = $9, updated_at = $10, state = $11, reopened_at = $12
     where tenant_id = $1 and alert_id = $2`,
    [tenantId, a.alertId, a.severity, a.count, a.expected, a.threshold, a.baselineSource, a.windowEnd, a.requestIds, a.updatedAt, a.state, a.reopenedAt],
  );
}

/** The alert, locked until the transaction ends (an acknowledgement and a surge's update decide one after the other). */
export async function lockAlert(m: EntityManager, tenantId: string, alertId: string): Promise<AlertRecord | undefined> {
  const rows: AlertRow[] = await m.query(`select ${ALERT_COLUMNS} from alerts where tenant_id = $1 and alert_id = $2 for update`, [tenantId, alertId]);
  return rows[0] ? toAlertRecord(rows[0]) : undefined;
}

/** Records the acknowledgement as the alert's latest, and the alert acknowledged. */
export async function saveAcknowledgement(m: EntityManager, tenantId: string, alertId: string, ack: AlertAcknowledgement): Promise<void> {
  await m.query(
    `update alerts set state = 'acknowledged', acknowledged_at = $3, acknowledged_by = $4, acknowledged_severity = $5, acknowledgement_note = $6
     where tenant_id = $1 and alert_id = $2`,
    [tenantId, alertId, ack.at, ack.by, ack.severity, ack.note],
  );
}
