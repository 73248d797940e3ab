import { NegotiationEntity, NegotiationResponseEntity } from './negotiation.entities';

/** A negotiation with its answers, for the hotline and the candidate units (the notes are about duties, masked). */
export function toNegotiationView(n: NegotiationEntity, responses: readonly NegotiationResponseEntity[]) {
  return {
    id: n.id,
    requestId: n.requestId,
    state: n.state,
    candidateUnitIds: n.candidateUnitIds,
    dueAt: n.dueAt.toISOString(),
    openedBy: n.openedBy,
    openedAt: n.openedAt.toISOString(),
    responses: responses
      .filter((r) => r.negotiationId === n.id)
      .map((r) => ({ unitId: r.unitId, stance: r.stance, note: r.note, respondedBy: r.respondedBy, respondedAt: r.respondedAt.toISOString() })),
    outcome: n.outcome,
    primaryUnitId: n.primaryUnitId,
    assistingUnitIds: n.assistingUnitIds,
    settledBy: n.settledBy,
    settledAt: n.settledAt?.toISOString() ?? null,
    lapsedAt: n.lapsedAt?.toISOString() ?? null,
  };
}
