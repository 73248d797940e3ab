import {
  NOTIFICATION_CHANNELS_OF,
  NOTIFICATION_TEMPLATE_PARAMS,
  NOTIFICATION_TEMPLATE_RECIPIENT,
  NotificationChannel,
  NotificationRecipientKind,
  NotificationTemplate,
} from '@hotline/vocabulary';

/**
 * What a use case asks to be told to someone, enqueued in its own transaction (ADR 0029). The
 * recipient is a reference (a unit id; the request id for a requester), its address only as the
 * owning service's ciphertext (intake's encrypted phone) and a masked form for people and logs.
 */
export interface NotificationRequest {
  tenantId: string;
  /**
   * The fact it tells of, stable across redeliveries and retries of the change that caused it
   * (`work-order:<id>`, `urge:<id>`, `overdue:<order>/<clock>`, `extension:<id>`): with the
   * recipient and the template, the notification's idempotency key.
   */
  sourceRef: string;
  recipient: {
    kind: NotificationRecipientKind;
    ref: string;
    /** How people and logs see it: a unit id, or a masked phone (138****5678). */
    masked: string;
    /** The personal address (a phone), encrypted by the owning service's PiiCipher; never in clear here. */
    addressEnc?: Buffer | null;
  };
  channel: NotificationChannel;
  template: NotificationTemplate;
  /** Exactly the template's parameters (NOTIFICATION_TEMPLATE_PARAMS): codes, instants, numbers. */
  params: Record<string, string>;
  requestId?: string | null;
}

/** One notification as the relay hands it to a sender for one attempt. */
export interface OutgoingNotification {
  id: string;
  tenantId: string;
  sourceRef: string;
  recipientKind: NotificationRecipientKind;
  recipientRef: string;
  recipientMasked: string;
  channel: NotificationChannel;
  template: NotificationTemplate;
  params: Record<string, string>;
  requestId: string | null;
  createdAt: Date;
  /** This attempt's number, from 1. */
  attempt: number;
  /** The default wording (render.ts), in the tenant's time zone. */
  text: string;
  /** The recipient's address in clear, decrypted only when a sender asks (the webhook to an SMS gateway). */
  openAddress(): string | undefined;
}

export class NotificationRequestError extends Error {}

/**
 * A parameter value is a code, a number, an RFC 3339 instant or a request number: ASCII without
 * spaces, at most 64 characters. Free text (a citizen's words, a unit's note) cannot pass, so it
 * never reaches a gateway or an event.
 */
const PARAM_VALUE = /^[A-Za-z0-9:.+_-]{0,64}$/;

/** Checks a request against the vocabulary: programming errors, thrown before anything is written. */
export function checkNotificationRequest(n: NotificationRequest): void {
  const expected = NOTIFICATION_TEMPLATE_PARAMS[n.template];
  if (!expected) throw new NotificationRequestError(`unknown notification template "${n.template}"`);
  const kind = NOTIFICATION_TEMPLATE_RECIPIENT[n.template];
  if (n.recipient.kind !== kind) throw new NotificationRequestError(`template ${n.template} is for a ${kind}, not a ${n.recipient.kind}`);
  if (!NOTIFICATION_CHANNELS_OF[kind].includes(n.channel))
    throw new NotificationRequestError(`a ${kind} is not reached by ${n.channel}`);
  if (!n.sourceRef || n.sourceRef.length > 200) throw new NotificationRequestError('a notification needs the fact it tells of (sourceRef)');
  if (!n.recipient.ref) throw new NotificationRequestError('a notification needs its recipient');
  const given = Object.keys(n.params).sort();
  if (given.join() !== [...expected].sort().join())
    throw new NotificationRequestError(`template ${n.template} takes ${expected.join(', ')}; given ${given.join(', ') || 'none'}`);
  for (const [name, value] of Object.entries(n.params))
    if (!PARAM_VALUE.test(value)) throw new NotificationRequestError(`parameter ${name} of ${n.template} is not a code, number or instant`);
}
