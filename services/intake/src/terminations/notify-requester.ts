import { EntityManager } from 'typeorm';
import { maskPhone } from '@hotline/intake-domain';
import { enqueueNotification, PiiCipher } from '@hotline/platform';
import type { RequestEntity } from '../requests/request.entity';
import type { Termination } from './terminations.repository';

/**
 * The requester is told the request was terminated (domain.md §11.3: notified with the legal
 * route), by SMS to the phone intake keeps encrypted, enqueued in the approval's transaction —
 * as the approved extension's notice is (ADR 0029): the ciphertext copied as it is, the phone
 * opened in memory only to mask it. The notice carries the number, the reason and the instant;
 * the legal route, free text, cannot be a parameter and is read on the public progress lookup.
 * An anonymous requester, or one who gave no phone, cannot be told. Once per termination.
 */
export async function notifyRequesterOfTermination(
  manager: EntityManager,
  cipher: PiiCipher,
  request: RequestEntity,
  termination: Termination,
  terminatedAt: Date,
): Promise<string | undefined> {
  if (request.anonymous || !request.requesterPhoneEnc) return undefined;
  const phone = cipher.decrypt(request.tenantId, request.requesterPhoneEnc);
  return enqueueNotification(manager, {
    tenantId: request.tenantId,
    sourceRef: `termination:${termination.id}`,
    recipient: { kind: 'requester', ref: request.id, masked: maskPhone(phone), addressEnc: request.requesterPhoneEnc },
    channel: 'sms',
    template: 'request-terminated-requester',
    params: { requestNumber: request.number, reasonCode: termination.reasonCode, terminatedAt: terminatedAt.toISOString() },
    requestId: request.id,
  });
}
