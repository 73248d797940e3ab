import { Events } from '@hotline/contracts';
import { notificationRelayOf, type ServiceContext } from '@hotline/platform';

/**
 * handling's notification relay: units hold no personal address, so no address is ever opened
 * here; with log-and-outbox, the hand-over is handling's NotificationRequested.
 */
export function handlingNotificationWorkers(ctx: ServiceContext) {
  return [notificationRelayOf(ctx, Events.handling.notificationRequested)];
}
