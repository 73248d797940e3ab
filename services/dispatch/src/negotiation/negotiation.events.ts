import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import type { Outbox } from '@hotline/platform';
import { NegotiationEntity } from './negotiation.entities';

/** NegotiationChanged for the negotiation as it now stands; the units' notes stay in dispatch. */
export async function appendNegotiationChanged(manager: EntityManager, outbox: Outbox, n: NegotiationEntity, by: string, at: Date): Promise<void> {
  await outbox.append(manager, {
    event: Events.dispatch.negotiationChanged,
    tenantId: n.tenantId,
    aggregateType: 'request',
    aggregateId: n.requestId,
    payload: {
      negotiationId: n.id,
      requestId: n.requestId,
      state: n.state,
      candidateUnitIds: n.candidateUnitIds,
      dueAt: n.dueAt.toISOString(),
      outcome: n.outcome ?? '',
      primaryUnitId: n.primaryUnitId ?? '',
      assistingUnitIds: n.assistingUnitIds ?? [],
      changedBy: by,
      changedAt: at.toISOString(),
    },
  });
}
