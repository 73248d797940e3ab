import { EntityManager } from 'typeorm';
import { IntakePolicy, maskPhone, onlineQueueClock } from '@hotline/intake-domain';
import { enqueueNotification, PiiCipher, Timers } from '@hotline/platform';
import { ONLINE_QUEUE_DUE_TIMER, ONLINE_QUEUE_WARNING_TIMER } from '@hotline/vocabulary';
import type { RequestEntity } from '../requests/request.entity';
import { insertQueueItem } from './online-queue.repository';

/**
 * An online submission joins the online queue (ADR 0034): its clock starts at receipt, under the
 * tenant's policy of that moment, with durable timers for the warning and the limit; and the
 * submitter is told its number and 提取码 by SMS when they gave a phone (the response to the
 * submission shows them too). All in the submission's transaction.
 */
export async function enqueueOnlineSubmission(
  manager: EntityManager,
  cipher: PiiCipher,
  request: RequestEntity,
  accessCode: string,
  policy: IntakePolicy,
): Promise<void> {
  const { tenantId, id } = request;
  const clock = onlineQueueClock(policy, request.receivedAt);
  await insertQueueItem(manager, tenantId, id, clock);
  if (clock.warnAt) await Timers.schedule(manager, { tenantId, kind: ONLINE_QUEUE_WARNING_TIMER, key: id, dueAt: clock.warnAt, payload: { requestId: id } });
  await Timers.schedule(manager, { tenantId, kind: ONLINE_QUEUE_DUE_TIMER, key: id, dueAt: clock.dueAt, payload: { requestId: id } });
  if (request.anonymous || !request.requesterPhoneEnc) return;
  await enqueueNotification(manager, {
    tenantId,
    sourceRef: `online-submission:${id}`,
    recipient: { kind: 'requester', ref: id, masked: maskPhone(cipher.decrypt(tenantId, request.requesterPhoneEnc)), addressEnc: request.requesterPhoneEnc },
    channel: 'sms',
    template: 'online-submission-received',
    params: { requestNumber: request.number, accessCode, receivedAt: request.receivedAt.toISOString() },
    requestId: id,
  });
}
