import { Label, oneOf } from './code-list';
import type { RequestStatus } from './request-status';
import type { Role } from './roles';

/**
 * A transfer (转办) of a request between the hotlines of one province (ADR 0027): a city to
 * another city, the province down to a city, a city up to the province. Offered by the sending
 * hotline, accepted or returned by the receiving one.
 */
export const TRANSFER_STATES = ['offered', 'accepted', 'returned'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
export const isTransferState = oneOf(TRANSFER_STATES);
export const TRANSFER_STATE_LABELS: Record<TransferState, Label> = {
  offered: { zh: '待接收', en: 'Offered' },
  accepted: { zh: '已接收', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
};

/** Which side of a transfer a hotline holds: the one it sent, or the one it received. */
export const TRANSFER_DIRECTIONS = ['outgoing', 'incoming'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];
export const isTransferDirection = oneOf(TRANSFER_DIRECTIONS);

/** A request can be transferred before any unit holds it: registered, or waiting for a dispatcher. */
export const TRANSFERABLE_STATUSES: readonly RequestStatus[] = ['registered', 'awaiting-dispatch'];

/** Who offers, accepts and returns transfers: the hotline's dispatchers and supervisors. */
export const TRANSFER_ROLES: readonly Role[] = ['dispatcher', 'supervisor'];
