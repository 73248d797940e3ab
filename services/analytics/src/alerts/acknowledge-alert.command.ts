import { EntityManager } from 'typeorm';
import { maskPersonalData } from '@hotline/privacy';
import { AlertRecord, lockAlert, saveAcknowledgement } from './alerts.repository';

export interface Acknowledging {
  /** The supervisor's token subject. */
  by: string;
  note?: string;
  at: Date;
}

/**
 * A supervisor takes the alert on: acknowledged by them, now, at its current severity, with
 * their note — phone, id and card numbers in it masked, as analytics keeps no personal data.
 * Acknowledging an acknowledged alert changes nothing (a retried request, or a second
 * supervisor: the first acknowledgement stands); one reopened by a rise in severity is
 * acknowledged anew. No event: no other service acts on it. Undefined when the tenant has no
 * such alert.
 */
export async function acknowledgeAlert(m: EntityManager, tenantId: string, alertId: string, a: Acknowledging): Promise<AlertRecord | undefined> {
  const alert = await lockAlert(m, tenantId, alertId);
  if (!alert || alert.state === 'acknowledged') return alert;
  const note = a.note?.trim() ? maskPersonalData(a.note.trim()) : null;
  const acknowledgement = { at: a.at, by: a.by, severity: alert.severity, note };
  await saveAcknowledgement(m, tenantId, alertId, acknowledgement);
  return { ...alert, state: 'acknowledged', acknowledgement };
}
