import type { UnitCard } from '@hotline/dispatch-domain';
import { NegotiationEntity, NegotiationResponseEntity } from './negotiation.entities';

/**
 * A negotiation with its answers, for the hotline and the candidate units (the notes are about
 * duties, masked). Each unit is named by code and name, so a unit's staff find their own answer.
 */
export function toNegotiationView(n: NegotiationEntity, responses: readonly NegotiationResponseEntity[], units: ReadonlyMap<string, UnitCard> = new Map()) {
  const named = (unitId: string) => ({ unitId, unitCode: units.get(unitId)?.code ?? null, unitName: units.get(unitId)?.name ?? null });
  return {
    id: n.id,
    requestId: n.requestId,
    request: { number: n.requestNumber, title: n.title, categoryCode: n.categoryCode, areaCode: n.areaCode },
    state: n.state,
    candidateUnitIds: n.candidateUnitIds,
    candidates: n.candidateUnitIds.map(named),
    dueAt: n.dueAt.toISOString(),
    openedBy: n.openedBy,
    openedAt: n.openedAt.toISOString(),
    responses: responses
      .filter((r) => r.negotiationId === n.id)
      .map((r) => ({ ...named(r.unitId), stance: r.stance, note: r.note, respondedBy: r.respondedBy, respondedAt: r.respondedAt.toISOString() })),
    outcome: n.outcome,
    primaryUnitId: n.primaryUnitId,
    assistingUnitIds: n.assistingUnitIds,
    settledBy: n.settledBy,
    settledAt: n.settledAt?.toISOString() ?? null,
    lapsedAt: n.lapsedAt?.toISOString() ?? null,
  };
}
