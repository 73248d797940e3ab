import { EntityManager } from 'typeorm';
import type { UnitChoice } from '@hotline/dispatch-domain';
import { Outbox, Timers } from '@hotline/platform';
import type { NegotiationOutcome } from '@hotline/vocabulary';
import { NegotiationEntity } from './negotiation.entities';
import { appendNegotiationChanged } from './negotiation.events';
import { saveNegotiation, unsettledNegotiationOf } from './negotiations.repository';

/** The durable timer of a negotiation's deadline, keyed by its id. */
export const NEGOTIATION_DUE_TIMER = 'negotiation-due';

/** Records the negotiation as settled with 主办 and 协办, its deadline timer cancelled, NegotiationChanged out. */
export async function markSettled(
  manager: EntityManager,
  outbox: Outbox,
  negotiation: NegotiationEntity,
  choice: UnitChoice,
  outcome: NegotiationOutcome,
  by: string,
): Promise<NegotiationEntity> {
  const settledAt = new Date();
  const settled: NegotiationEntity = {
    ...negotiation,
    state: 'settled',
    outcome,
    primaryUnitId: choice.primaryUnitId,
    assistingUnitIds: [...choice.assistingUnitIds],
    settledBy: by,
    settledAt,
  };
  await saveNegotiation(manager, settled);
  await Timers.cancel(manager, NEGOTIATION_DUE_TIMER, negotiation.id);
  await appendNegotiationChanged(manager, outbox, settled, by, settledAt);
  return settled;
}

/**
 * A dispatcher placed the request from the queue while its negotiation was unsettled: the
 * dispatch is the hotline's decision, and settles the negotiation (`decided`).
 */
export async function settleOnDispatch(manager: EntityManager, outbox: Outbox, requestId: string, choice: UnitChoice, by: string): Promise<void> {
  const negotiation = await unsettledNegotiationOf(manager, requestId);
  if (negotiation) await markSettled(manager, outbox, negotiation, choice, 'decided', by);
}
