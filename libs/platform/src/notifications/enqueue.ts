import type { EntityManager } from 'typeorm';
import { uuidv7 } from '../persistence/ids';
import { checkNotificationRequest, NotificationRequest } from './notification';

/** The channel the queue's insert trigger notifies at commit (PlatformNotifications migration). */
export const NOTIFICATION_CHANNEL = 'hl_notifications';

/**
 * Enqueues a notification inside the caller's transaction (the change that causes it): nothing
 * is sent before that transaction commits, and nothing it committed is lost — the relay delivers
 * it afterwards, at least once. Returns the new notification's id, or undefined when this fact
 * already notified this recipient with this template (a redelivered event, a timer fired twice).
 * The caller's transaction must be scoped to the notification's tenant (row-level security).
 */
export async function enqueueNotification(manager: EntityManager, n: NotificationRequest): Promise<string | undefined> {
  checkNotificationRequest(n);
  const rows: Array<{ id: string }> = await manager.query(
    `insert into notifications (id, tenant_id, source_ref, recipient_kind, recipient_ref, recipient_masked, recipient_address_enc,
                                channel, template, params, request_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict on constraint notifications_once do nothing
     returning id`,
    [
      uuidv7(),
      n.tenantId,
      n.sourceRef,
      n.recipient.kind,
      n.recipient.ref,
      n.recipient.masked,
      n.recipient.addressEnc ?? null,
      n.channel,
      n.template,
      JSON.stringify(n.params),
      n.requestId ?? null,
    ],
  );
  const id = rows[0]?.id;
  if (!id) return undefined;
  await manager.query(`insert into notification_queue (notification_id, tenant_id) values ($1, $2)`, [id, n.tenantId]);
  return id;
}
