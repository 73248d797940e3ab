import { EntityManager } from 'typeorm';
import { terminatedMatterRefusal } from '@hotline/intake-domain';
import type { FieldError } from '@hotline/platform';
import { findRequest } from '../requests/requests.repository';
import { approvedTerminationOf } from './terminations.repository';

/**
 * The terminated request a contact answered as a terminated matter (scope decision
 * `terminated-matter`) repeats, with the legal route its requester was told, which becomes the
 * new contact's answer; undefined with the reason in `errors` when the request has no approved
 * termination. An approval is final, so nothing needs locking.
 */
export async function terminatedMatterOf(
  manager: EntityManager,
  requestId: string,
  errors: FieldError[],
): Promise<{ id: string; number: string; legalRoute: string } | undefined> {
  const request = await findRequest(manager, requestId);
  const termination = request ? await approvedTerminationOf(manager, request.id) : null;
  const refusal = terminatedMatterRefusal(request ? { number: request.number, terminated: termination !== null } : undefined);
  if (refusal || !request || !termination) {
    errors.push({ field: 'scope.terminatedRequestId', message: refusal ?? 'no approved termination' });
    return undefined;
  }
  return { id: request.id, number: request.number, legalRoute: termination.legalRoute };
}
