import type { Logger } from 'pino';
import type { EventDefinition } from '@hotline/contracts';
import { withSecretParamsMasked } from '@hotline/vocabulary';
import type { OutgoingNotification } from './notification';
import type { NotificationSender, SendOutcome } from './sender';

/** The shape of every service's NotificationRequested (hotline.<service>.v1): codes and references only. */
export interface NotificationRequestedPayload {
  notificationId: string;
  recipientKind: string;
  recipientRef: string;
  channel: string;
  template: string;
  params: { [key: string]: string };
  sourceRef: string;
  requestId: string;
  requestedAt: string;
  handedOverAt: string;
}

export function notificationRequestedOf(n: OutgoingNotification, handedOverAt: Date): NotificationRequestedPayload {
  return {
    notificationId: n.id,
    recipientKind: n.recipientKind,
    recipientRef: n.recipientRef,
    channel: n.channel,
    template: n.template,
    params: { ...n.params },
    sourceRef: n.sourceRef,
    requestId: n.requestId ?? '',
    requestedAt: n.createdAt.toISOString(),
    handedOverAt: handedOverAt.toISOString(),
  };
}

/**
 * The default adapter: logs the notification (codes, the masked recipient) and announces it on
 * the service's stream as NotificationRequested, so an external gateway can subscribe. The
 * announcement is an outbox row written with the delivery's record, so it is published exactly
 * when the notification counts as delivered. Never the address: a requester's phone reaches a
 * gateway only through the webhook adapter.
 */
export class LogAndOutboxSender implements NotificationSender {
  readonly name = 'log-and-outbox';

  constructor(
    private readonly logger: Logger,
    private readonly event: EventDefinition<NotificationRequestedPayload>,
  ) {}

  async send(n: OutgoingNotification): Promise<SendOutcome> {
    this.logger.info(
      {
        notificationId: n.id,
        tenant: n.tenantId,
        template: n.template,
        channel: n.channel,
        recipientKind: n.recipientKind,
        recipient: n.recipientMasked,
        params: withSecretParamsMasked(n.params),
        attempt: n.attempt,
      },
      'notification handed over (log-and-outbox)',
    );
    return {
      result: 'delivered',
      disclosedAddress: false,
      announce: {
        event: this.event as EventDefinition<unknown>,
        tenantId: n.tenantId,
        aggregateType: 'notification',
        aggregateId: n.id,
        payload: notificationRequestedOf(n, new Date()),
      },
    };
  }
}
