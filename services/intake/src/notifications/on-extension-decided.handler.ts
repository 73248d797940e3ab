import { Events } from '@hotline/contracts';
import { maskPhone } from '@hotline/intake-domain';
import { enqueueNotification, isUuid, onEvent } from '@hotline/platform';
import { findRequest } from '../requests/requests.repository';
import { requesterCipherOf } from './requester-cipher';

/** intake's durable consumer of handling's stream for what the requester is told: intake--hl-handling-v1--notifications. */
export const NOTIFICATIONS = 'notifications';

/**
 * An approved extension (延期) tells the requester the new due (issue 12), by SMS to the phone
 * intake keeps encrypted: the ciphertext is copied into the notification as it is (same tenant,
 * same key), the phone is opened in memory only to mask it. Only the lead unit's extension moves
 * what the requester waits for (an assisting unit's does not: its input comes before the lead's
 * answer), and an anonymous requester cannot be told. Enqueued in the inbox transaction, once
 * per extension (its id is the notification's source).
 */
export const onExtensionDecidedNotify = onEvent(Events.handling.workOrderExtensionDecided, NOTIFICATIONS, async (event, manager, ctx) => {
  const e = event.payload;
  if (e.status !== 'approved' || !isUuid(e.requestId) || !e.handlingDueAt) return;
  const request = await findRequest(manager, e.requestId);
  if (!request || request.anonymous || !request.requesterPhoneEnc) return;
  if (request.primaryUnitId && request.primaryUnitId !== e.unitId) return;
  const phone = requesterCipherOf(ctx).decrypt(event.tenantId, request.requesterPhoneEnc);
  await enqueueNotification(manager, {
    tenantId: event.tenantId,
    sourceRef: `extension:${e.extensionId}`,
    recipient: { kind: 'requester', ref: request.id, masked: maskPhone(phone), addressEnc: request.requesterPhoneEnc },
    channel: 'sms',
    template: 'extension-approved-requester',
    params: { requestNumber: request.number, dueAt: e.handlingDueAt, extraWorkingDays: String(e.extraWorkingDays) },
    requestId: request.id,
  });
});
