import { EntityManager } from 'typeorm';
import { deliverableAt, HotspotSettings } from '@hotline/analytics-domain';
import { DEFAULT_TIME_ZONE } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import { AlertSeverity } from '@hotline/vocabulary';
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
 * when its severity rose, so a surge is reported once and escalations, not every request.
 */
export async function updateRunningAlert(
  m: EntityManager,
  outbox: Outbox,
  tenantId: string,
  alert: AlertRecord,
  previousSeverity: AlertSeverity,
  quiet: QuietHours,
): Promise<void> {
  await updateAlert(m, tenantId, alert);
  if (alert.severity === previousSeverity) return;
  await outbox.append(m, {
    event: Events.analytics.alertEscalated, tenantId, aggregateType: 'alert', aggregateId: alert.alertId,
    payload: { alert: alertMessage(alert), previousSeverity },
  });
  await scheduleDeliveries(m, tenantId, alert, 'alert.escalated', { alert: toAlertView(alert), previousSeverity }, deliveryTime(alert.severity, quiet));
}
