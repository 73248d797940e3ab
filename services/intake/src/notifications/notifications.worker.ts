import { Events } from '@hotline/contracts';
import { notificationRelayOf, type ServiceContext } from '@hotline/platform';
import { requesterCipherOf } from './requester-cipher';

/**
 * intake's notification relay: the requester's phone is opened only when the configured sender
 * asks for it (the webhook to an SMS gateway, NOTIFY_WEBHOOK_CLEAR_PHONE), and each such
 * hand-over is recorded on the notification (address_disclosed_at). With log-and-outbox the
 * hand-over is intake's NotificationRequested, which never carries the phone.
 */
export function intakeNotificationWorkers(ctx: ServiceContext) {
  const cipher = requesterCipherOf(ctx);
  return [notificationRelayOf(ctx, Events.intake.notificationRequested, (tenantId, ciphertext) => cipher.decrypt(tenantId, ciphertext))];
}
