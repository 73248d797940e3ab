import { EntityManager } from 'typeorm';
import { AttachmentOwner } from '@hotline/attachments';
import { Identity, ProblemError } from '@hotline/platform';
import { unitCodeOf } from '../contact/unit-codes.repository';
import { findRequest } from '../requests/requests.repository';
import { Refusal, requestAttachmentRefusal, requestAttachmentUploadRefusal } from './attachment-access';

const refuse = (id: string, refusal: Refusal): never => {
  if (refusal.status === 404) throw ProblemError.notFound(`request ${id}`);
  if (refusal.status === 409) throw ProblemError.conflict(refusal.reason);
  throw ProblemError.forbidden(refusal.reason);
};

/** The request as the owner of its attachments, once the caller may read them (404 when they may not know it, 403 when refused). */
export async function readableRequest(manager: EntityManager, who: Identity, id: string): Promise<AttachmentOwner> {
  const request = await findRequest(manager, id);
  if (!request) throw ProblemError.notFound(`request ${id}`);
  const refusal = requestAttachmentRefusal(who, { ...request, primaryUnitCode: await unitCodeOf(manager, request.primaryUnitId) });
  if (refusal) refuse(id, refusal);
  return { kind: 'request', id: request.id };
}

/** The request as the owner of a new attachment: it exists (RLS: of the caller's tenant) and is not closed. */
export async function requestTakingAttachments(manager: EntityManager, id: string): Promise<AttachmentOwner> {
  const request = await findRequest(manager, id);
  if (!request) throw ProblemError.notFound(`request ${id}`);
  const refusal = requestAttachmentUploadRefusal(request);
  if (refusal) refuse(id, refusal);
  return { kind: 'request', id: request.id };
}
