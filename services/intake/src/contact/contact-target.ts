import { EntityManager } from 'typeorm';
import type { ContactTarget } from '@hotline/intake-domain';
import { ProblemError } from '@hotline/platform';
import type { RequestEntity } from '../requests/request.entity';
import { findRequest } from '../requests/requests.repository';
import { unitCodeOf } from './unit-codes.repository';

/** A request and what the contact rule judges of it; 404 for an unknown id (or another tenant's: row-level security). */
export async function contactTargetOf(manager: EntityManager, id: string): Promise<{ request: RequestEntity; target: ContactTarget }> {
  const request = await findRequest(manager, id);
  if (!request) throw ProblemError.notFound('request');
  return {
    request,
    target: {
      anonymous: request.anonymous,
      confidential: request.confidential,
      status: request.status,
      primaryUnitCode: await unitCodeOf(manager, request.primaryUnitId),
    },
  };
}
