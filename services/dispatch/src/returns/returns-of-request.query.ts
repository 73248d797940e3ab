import { EntityManager } from 'typeorm';
import { Identity, ProblemError } from '@hotline/platform';
import { HOTLINE_WIDE_ROLES } from '@hotline/vocabulary';
import { findDispatch } from '../dispatching/dispatching.repository';
import { ReturnEntity } from './returns.entities';
import { returnsOfRequest } from './returns.repository';

/**
 * `GET /v1/dispatches/{requestId}/returns`: every return of the request for the hotline; for a
 * unit's staff only those their unit filed (the token's `unit` claim is the unit's code). A unit
 * that filed none is told the request is not found, as for a request of another tenant: what
 * other units returned, and whether the request exists, is none of its business.
 */
export async function returnsOfRequestFor(manager: EntityManager, who: Identity, requestId: string): Promise<ReturnEntity[]> {
  const notFound = ProblemError.notFound(`dispatch of request ${requestId}`);
  if (!(await findDispatch(manager, requestId))) throw notFound;
  const rows = await returnsOfRequest(manager, requestId);
  if (who.roles.some((r) => HOTLINE_WIDE_ROLES.includes(r))) return rows;
  const own = who.unit ? rows.filter((r) => r.unitCode === who.unit) : [];
  if (own.length === 0) throw notFound;
  return own;
}
