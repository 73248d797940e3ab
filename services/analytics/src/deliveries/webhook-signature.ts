import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signature of a webhook delivery, in the Stripe style a receiver can check with any HMAC
 * library: header `X-Hotline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * with the endpoint's secret. The timestamp lets a receiver refuse old replays.
 */
export const SIGNATURE_HEADER = 'x-hotline-signature';

export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** Whether `header` signs `body` with `secret` (constant-time comparison). */
export function verifyWebhook(secret: string, body: string, header: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  if (!parts.t || !parts.v1 || !/^\d+$/.test(parts.t)) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
