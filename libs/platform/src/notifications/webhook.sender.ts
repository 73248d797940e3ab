import type { OutgoingNotification } from './notification';
import type { NotificationSender, SendOutcome } from './sender';
import { signBody, WEBHOOK_IDEMPOTENCY_HEADER, WEBHOOK_SIGNATURE_HEADER } from './signature';

export interface WebhookOptions {
  url: string;
  /** The HMAC-SHA256 key shared with the gateway. */
  secret: string;
  timeoutMs: number;
  /** Whether a requester's SMS carries the phone in clear (the SMS gateway needs it to send). */
  clearRequesterPhone: boolean;
}

/** The JSON a webhook receives. `recipient.address` only for a requester's SMS, and only when configured. */
export interface WebhookBody {
  id: string;
  tenant: string;
  template: string;
  channel: string;
  recipient: { kind: string; ref: string; masked: string; address?: string };
  params: Record<string, string>;
  text: string;
  sourceRef: string;
  requestId: string | null;
  requestedAt: string;
  attempt: number;
  sentAt: string;
}

/** Whether this notification's body carries the recipient's address in clear. */
export function carriesAddress(n: Pick<OutgoingNotification, 'recipientKind' | 'channel'>, options: Pick<WebhookOptions, 'clearRequesterPhone'>): boolean {
  return options.clearRequesterPhone && n.recipientKind === 'requester' && n.channel === 'sms';
}

export function webhookBody(n: OutgoingNotification, address: string | undefined, sentAt: Date): WebhookBody {
  return {
    id: n.id,
    tenant: n.tenantId,
    template: n.template,
    channel: n.channel,
    recipient: { kind: n.recipientKind, ref: n.recipientRef, masked: n.recipientMasked, ...(address ? { address } : {}) },
    params: n.params,
    text: n.text,
    sourceRef: n.sourceRef,
    requestId: n.requestId,
    requestedAt: n.createdAt.toISOString(),
    attempt: n.attempt,
    sentAt: sentAt.toISOString(),
  };
}

/**
 * What a gateway's answer means: 2xx delivered; 408 and 429 (it asks us to come back), 5xx and
 * anything unexpected (a redirect, which is not followed: it could carry a phone elsewhere) are
 * retried; any other 4xx is the gateway refusing this notification for good.
 */
export function outcomeOfStatus(status: number): 'delivered' | 'retry' | 'rejected' {
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'rejected';
  return 'retry';
}

/** A code for a failed call: `timeout`, or `network:<errno>` — never a message that could hold data. */
export function errorCodeOf(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string; name?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.cause?.name === 'TimeoutError') return 'timeout';
  const code = e?.cause?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `network:${code}` : 'network';
}

/**
 * The webhook adapter: POSTs the notification as JSON to the configured URL, signed
 * (x-hotline-signature: t=…,v1=HMAC-SHA256 of "t.body" under the shared secret, as analytics'
 * alert webhooks) and keyed (idempotency-key: the notification id, the same on every attempt).
 * The answer's body is never read into a log or a row.
 */
export class WebhookSender implements NotificationSender {
  readonly name = 'webhook';

  constructor(private readonly options: WebhookOptions) {}

  async send(n: OutgoingNotification): Promise<SendOutcome> {
    const address = carriesAddress(n, this.options) ? n.openAddress() : undefined;
    const disclosedAddress = address !== undefined;
    const sentAt = new Date();
    const body = JSON.stringify(webhookBody(n, address, sentAt));
    let status: number;
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [WEBHOOK_SIGNATURE_HEADER]: signBody(this.options.secret, body, sentAt),
          [WEBHOOK_IDEMPOTENCY_HEADER]: n.id,
          'user-agent': 'hotline-notifications/1',
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
    } catch (err) {
      return { result: 'retry', error: errorCodeOf(err), disclosedAddress };
    }
    const outcome = outcomeOfStatus(status);
    return outcome === 'delivered' ? { result: 'delivered', disclosedAddress } : { result: outcome, error: `http-${status}`, disclosedAddress };
  }
}
