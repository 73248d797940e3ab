import { EntityManager } from 'typeorm';
import { LookupLockoutPolicy, lookupLockedUntil, secondsUntil } from '@hotline/intake-domain';
import { latestWrongCodes, lockLookupsOf, recordWrongCode } from './lookup-attempts.repository';
import { accessCodeMatches } from './access-code';
import { findRequest, findRequestByNumber } from './requests.repository';
import { toPublicProgressView } from './requests.views';
import { RequestEntity } from './request.entity';
import { approvedTerminationOf } from '../terminations/terminations.repository';
import { timelineOf } from './timeline.repository';

export type PublicLookup =
  | { outcome: 'found'; progress: ReturnType<typeof toPublicProgressView> & { mergedInto?: Omit<ReturnType<typeof toPublicProgressView>, 'number'> } }
  | { outcome: 'not-found' }
  | { outcome: 'locked'; retryAfterSeconds: number };

/** A hash no code has: an unknown number's code is compared with it, so both paths do the same work. */
const NO_CODE = '0'.repeat(64);

/**
 * Public progress (流水号 + 提取码): status and time only. A number locked by too many wrong codes
 * answers locked whatever the code, right or not; an unknown number is a wrong code like any
 * other, counted and locked the same. The attempt is recorded in the caller's transaction, which
 * must commit (the outcome is returned, not thrown).
 */
export async function publicLookup(
  manager: EntityManager,
  tenantId: string,
  number: string,
  code: string,
  policy: LookupLockoutPolicy,
): Promise<PublicLookup> {
  await lockLookupsOf(manager, tenantId, number);
  const { latestWrong, now } = await latestWrongCodes(manager, number, policy);
  const lockedUntil = lookupLockedUntil(latestWrong, policy, now);
  if (lockedUntil) return { outcome: 'locked', retryAfterSeconds: secondsUntil(lockedUntil, now) };
  const request = await findRequestByNumber(manager, number);
  const matches = accessCodeMatches(number, code, request?.accessCodeHash ?? NO_CODE);
  if (request && matches) return { outcome: 'found', progress: await progressOf(manager, request) };
  await recordWrongCode(manager, tenantId, number, policy);
  return { outcome: 'not-found' };
}

/**
 * A repeat merged into a master (并单) follows the master: its own steps, and the master's
 * progress beside them, without the master's number (another requester's, not this one's to know).
 * A terminated request's 已终结 step carries its legal route; a master's does not (it was
 * written for the master's requester).
 */
async function progressOf(manager: EntityManager, request: RequestEntity) {
  const own = toPublicProgressView(request, await timelineOf(manager, request.id), await approvedTerminationOf(manager, request.id));
  const master = request.mergedInto ? await findRequest(manager, request.mergedInto) : null;
  if (!master) return own;
  const { number: _number, ...masterProgress } = toPublicProgressView(master, await timelineOf(manager, master.id));
  return { ...own, mergedInto: masterProgress };
}
