import { EntityManager } from 'typeorm';
import { deliverableAt, HotspotSettings } from '@hotline/analytics-domain';
import { DEFAULT_TIME_ZONE } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import { AlertSeverity, severityRank } from '@hotline/vocabulary';
import { scheduleDeliveries } from '../deliveries/deliveries.repository';
import { AlertRecord, insertAlert, updateAlert } from './alerts.repository';
import { alertMessage, toAlertView } from './alerts.views';

type QuietHours = Pick<HotspotSettings, 'quietFrom' | 'quietTo'>;

/** When deliveries may go out: now, or at the end of the tenant's quiet hours (wall clock, not the request's time). */
const deliveryTime = (severity: AlertSeverity, quiet: QuietHours) => deliverableAt(new Date(), severity, quiet, DEFAULT_TIME_ZONE);

/** A new alert: stored, announced on the bus (outbox) and queued to every endpoint that takes it, in one transaction. */
export async function raiseAlert(m: EntityManager, outbox: Outbox, tenantId: string, alert: AlertRecord, quiet: QuietHours): Promise<void> {
  await insertAlert(m, tenantId, alert);
  await outbox.append(m, { event: Events.analytics.alertRaised, tenantId, aggregateType: 'alert', aggregateId: alert.alertId, payload: { alert: alertMessage(alert) } });
  await scheduleDeliveries(m, tenantId, alert, 'alert.raised', { alert: toAlertView(alert) }, deliveryTime(alert.severity, quiet));
}

/**
 * A running alert updated with its newest count: stored; announced and delivered again only
 * when its severity rose, so a surge is reported once and escalations, not every request. An
 * acknowledged alert stays acknowledged through updates at the severity it was acknowledged
 * at (the supervisor took that on); a rise above it reopens the alert, its acknowledgement kept
 * for the record.
 */
export async function updateRunningAlert(
  m: EntityManager,
  outbox: Outbox,
  tenantId: string,
  alert: AlertRecord,
  previousSeverity: AlertSeverity,
  quiet: QuietHours,
): Promise<void> {
  await updateAlert(m, tenantId, reopenedIfOutgrown(alert));
  if (alert.severity === previousSeverity) return;
  await outbox.append(m, {
    event: Events.analytics.alertEscalated, tenantId, aggregateType: 'alert', aggregateId: alert.alertId,
    payload: { alert: alertMessage(alert), previousSeverity },
  });
  await scheduleDeliveries(m, tenantId, alert, 'alert.escalated', { alert: toAlertView(alert), previousSeverity }, deliveryTime(alert.severity, quiet));
}

/** The alert reopened at its update when its severity rose above the one it was acknowledged at; as it is otherwise. */
export function reopenedIfOutgrown(alert: AlertRecord): AlertRecord {
  const ack = alert.acknowledgement;
  if (alert.state !== 'acknowledged' || !ack || severityRank(alert.severity) <= severityRank(ack.severity)) return alert;
  return { ...alert, state: 'open', reopenedAt: alert.updatedAt };
}
