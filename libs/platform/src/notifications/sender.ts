import type { OutgoingEvent } from '../messaging/outbox';
import type { OutgoingNotification } from './notification';

/**
 * What one attempt came to. `delivered`: the gateway took it (final). `retry`: try again later
 * (a 5xx, 408, 429, a timeout, the network) — for as long as it takes, with backoff. `rejected`:
 * the gateway refused it for good (another 4xx): recorded as failed, never retried. `error` is a
 * code (`http-503`, `timeout`), never a response body, which could echo the message back.
 */
export type SendOutcome =
  | { result: 'delivered'; disclosedAddress: boolean; announce?: OutgoingEvent<unknown> }
  | { result: 'retry'; error: string; disclosedAddress: boolean }
  | { result: 'rejected'; error: string; disclosedAddress: boolean };

/**
 * The notification port (ADR 0029): hands one notification to whatever delivers it. Called by
 * the relay after the change that enqueued it committed, outside any transaction, at least once
 * per notification (a crash between the hand-over and its record hands it over again: the
 * notification id is the idempotency key). An adapter whose hand-over is a write returns it as
 * `announce`: the relay writes it to the outbox in the transaction that records the delivery.
 */
export interface NotificationSender {
  readonly name: string;
  send(notification: OutgoingNotification): Promise<SendOutcome>;
}
