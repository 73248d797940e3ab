import { TenantDb } from '@hotline/platform';
import { ALERT_COLUMNS, AlertRecord, toAlertRecord } from './alerts.repository';
import type { ListAlertsQuery } from './alerts.schemas';

export async function listAlerts(db: TenantDb, tenantId: string, q: ListAlertsQuery): Promise<AlertRecord[]> {
  const rows = await db.read(tenantId, (m) =>
    m.query(
      `select ${ALERT_COLUMNS} from alerts
        where tenant_id = $1 and ($2::text is null or kind = $2) and ($3::text is null or severity = $3) and ($6::text is null or state = $6)
        order by raised_at desc, alert_id desc limit $4 offset $5`,
      [tenantId, q.kind ?? null, q.severity ?? null, q.limit, q.offset, q.state ?? null],
    ),
  );
  return rows.map(toAlertRecord);
}

export async function findAlert(db: TenantDb, tenantId: string, alertId: string): Promise<AlertRecord | undefined> {
  const [row] = await db.read(tenantId, (m) => m.query(`select ${ALERT_COLUMNS} from alerts where tenant_id = $1 and alert_id = $2`, [tenantId, alertId]));
  return row ? toAlertRecord(row) : undefined;
}
