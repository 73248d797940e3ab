import { maskPersonalData } from '@hotline/privacy';
import type { TransferSide } from './transfers.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A transfer as its hotline's staff see it: masked brief, the other hotline, who offered and decided. */
export function toTransferView(t: TransferSide) {
  return {
    id: t.id,
    direction: t.direction,
    requestId: t.requestId,
    number: t.number,
    counterpartTenant: t.counterpartTenant,
    state: t.state,
    reason: maskPersonalData(t.reason),
    request: t.brief,
    offeredAt: iso(t.offeredAt),
    offeredBy: t.offeredBy,
    decidedAt: iso(t.decidedAt),
    decidedBy: t.decidedBy,
    decisionNote: t.decisionNote === null ? null : maskPersonalData(t.decisionNote),
  };
}
