import { EntityManager } from 'typeorm';
import type { UnitChoice } from '@hotline/dispatch-domain';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import type { NegotiationOutcome } from '@hotline/vocabulary';
import { assignWaitingRequest } from '../dispatching/assign-waiting-request.command';
import { lockRequest } from '../dispatching/dispatching.repository';
import { NegotiationEntity } from './negotiation.entities';
import { markSettled } from './negotiation-record';
import { Settle } from './negotiation.schemas';
import { findNegotiation } from './negotiations.repository';

/**
 * Fixes 主办 and 协办: the negotiation is settled and the request dispatched by hand, with every
 * rule of a manual dispatch (known units, no excluded unit, no push-down), in one transaction.
 * `agreed` when the candidates' answers settled it, `decided` when the hotline did.
 */
export async function settle(
  manager: EntityManager,
  outbox: Outbox,
  negotiation: NegotiationEntity,
  choice: UnitChoice,
  outcome: NegotiationOutcome,
  by: string,
): Promise<NegotiationEntity> {
  if (negotiation.state === 'settled') throw new ProblemError(409, 'already_settled', 'Already settled', 'this negotiation was settled already');
  // Settled before the dispatch, so the dispatch finds no negotiation left to settle.
  const settled = await markSettled(manager, outbox, negotiation, choice, outcome, by);
  await assignWaitingRequest(manager, outbox, negotiation.tenantId, negotiation.requestId, by, { ...choice, assistingUnitIds: [...choice.assistingUnitIds] });
  return settled;
}

/** The hotline fixes 主办 and 协办 of an open or lapsed negotiation (`decided`), serialised with the request's other dispatch steps. */
export async function settleNegotiation(manager: EntityManager, outbox: Outbox, who: Identity, negotiationId: string, input: Settle): Promise<NegotiationEntity> {
  const found = await findNegotiation(manager, negotiationId);
  if (!found) throw ProblemError.notFound(`negotiation ${negotiationId}`);
  await lockRequest(manager, found.requestId);
  const negotiation = (await findNegotiation(manager, negotiationId, true)) ?? found;
  return settle(manager, outbox, negotiation, input, 'decided', who.subject);
}
