/**
 * Transfers (转办) between the hotlines of one province (ADR 0027): which pairs may transfer and
 * which requests can go. Pure rules; intake's transfer commands apply them.
 */
import { TRANSFERABLE_STATUSES } from '@hotline/vocabulary';
import type { RequestStatus, TenantKind, TenantStatus } from '@hotline/vocabulary';

export interface TransferParty {
  code: string;
  kind: TenantKind;
  /** A city's region code (3201) or a province's (32): its first two digits name the province. */
  regionCode: string;
  status: TenantStatus;
}

/** The province a hotline belongs to (the first two digits of its region code, GB/T 2260). */
export function provinceOf(party: Pick<TransferParty, 'regionCode'>): string {
  return party.regionCode.slice(0, 2);
}

/**
 * Why `from` cannot transfer to `to` (a 4xx detail), or undefined when it can: a city to another
 * city of its province, the province down to one of its cities, a city up to its province.
 */
export function transferPairRefusal(from: TransferParty, to: TransferParty | undefined): string | undefined {
  if (!to) return 'no such hotline';
  if (to.code === from.code) return 'a hotline cannot transfer a request to itself';
  if (to.status !== 'active') return `hotline ${to.code} is ${to.status}`;
  if (provinceOf(to) !== provinceOf(from)) return `hotline ${to.code} is in another province: transfers stay within the province`;
  if (from.kind === 'province' && to.kind === 'province') return 'a province transfers only to its cities';
  return undefined;
}

/** Why a request in this status cannot be transferred now, or undefined when it can. */
export function transferStatusRefusal(status: RequestStatus): string | undefined {
  if (TRANSFERABLE_STATUSES.includes(status)) return undefined;
  return `the request is ${status}: only a request no unit holds yet (${TRANSFERABLE_STATUSES.join(', ')}) is transferred; a unit returns a dispatched one (退单) first`;
}
