import { signBody, verifySignature, WEBHOOK_SIGNATURE_HEADER } from '@hotline/platform';

/**
 * Signature of a webhook delivery, in the Stripe style a receiver can check with any HMAC
 * library: header `X-Hotline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * with the endpoint's secret. The timestamp lets a receiver refuse old replays. One helper in
 * the platform (`signBody`) signs these, the notification webhooks and the data-sharing feeds
 * alike, so a receiver checks all three the same way; these names are analytics' own.
 */
export const SIGNATURE_HEADER = WEBHOOK_SIGNATURE_HEADER;

export function signWebhook(secret: string, body: string, at: Date): string {
  return signBody(secret, body, at);
}

/** Whether `header` signs `body` with `secret` (constant-time comparison). */
export function verifyWebhook(secret: string, body: string, header: string): boolean {
  return verifySignature(secret, body, header);
}
