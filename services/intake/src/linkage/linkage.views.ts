import type { LinkageProgress, LinkageTransfer, ThreePartyCall } from './linkage.repository';

export function toTransferView(t: LinkageTransfer, progress?: readonly LinkageProgress[]) {
  return {
    id: t.id,
    requestId: t.requestId,
    direction: t.direction,
    counterpart: t.counterpart,
    method: t.method,
    state: t.state,
    counterpartRef: t.counterpartRef,
    listItemCode: t.listItemCode,
    offeredBy: t.offeredBy,
    offeredAt: t.offeredAt.toISOString(),
    decidedAt: t.decidedAt?.toISOString() ?? null,
    decidedBy: t.decidedBy,
    declineReason: t.declineReason,
    decisionNote: t.decisionNote,
    ...(progress ? { progress: progress.map((p) => ({ step: p.step, occurredAt: p.occurredAt.toISOString(), note: p.note })) } : {}),
  };
}

export function toCallView(c: ThreePartyCall) {
  return {
    id: c.id,
    counterpart: c.counterpart,
    callRef: c.callRef,
    participants: c.participants,
    startedAt: c.startedAt.toISOString(),
    endedAt: c.endedAt.toISOString(),
    firstAcceptedBy: c.firstAcceptedBy,
    transferRef: c.transferRef,
  };
}
