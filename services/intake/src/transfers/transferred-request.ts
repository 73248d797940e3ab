import { EntityManager } from 'typeorm';
import { isUuid, ProblemError } from '@hotline/platform';
import { maskedFreeText } from '../requests/free-text';
import { RequestEntity } from '../requests/request.entity';
import type { TransferBrief } from './transfers.repository';

/** The tenant's request, locked for the transfer; a 404 problem when there is none. */
export async function lockRequestForTransfer(manager: EntityManager, id: string): Promise<RequestEntity> {
  const request = isUuid(id) ? await manager.getRepository(RequestEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
  if (!request) throw ProblemError.notFound(`request ${id}`);
  return request;
}

/** What the receiving hotline sees before it accepts: the masked text and when it was received (no identity: that is read only on acceptance). */
export function transferBriefOf(r: RequestEntity): TransferBrief {
  const { title, content } = maskedFreeText(r);
  return {
    number: r.number,
    title,
    content,
    requestType: r.requestType,
    urgency: r.urgency,
    categoryCode: r.categoryCode,
    areaCode: r.areaCode,
    receivedAt: r.receivedAt.toISOString(),
  };
}
