import { EntityManager } from 'typeorm';
import { Identity, Outbox, ProblemError, Timers, uuidv7 } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { DEFAULT_NEGOTIATION_HOURS } from '@hotline/vocabulary';
import { findWaiting, lockRequest } from '../dispatching/dispatching.repository';
import { refuseInactiveUnits } from '../units/unit-activity';
import { unitDirectory } from '../units/units.query';
import { NegotiationEntity } from './negotiation.entities';
import { NEGOTIATION_DUE_TIMER } from './negotiation-record';
import { appendNegotiationChanged } from './negotiation.events';
import { OpenNegotiation } from './negotiation.schemas';
import { unsettledNegotiationOf } from './negotiations.repository';

/**
 * The hotline opens a negotiation (协商) for a request waiting in the manual queue whose lead unit
 * is unclear: the candidate units answer by the deadline (durable timer), one negotiation open
 * per request. The request keeps waiting in the queue, on its dispatch clock, meanwhile.
 */
export async function openNegotiation(manager: EntityManager, outbox: Outbox, who: Identity, input: OpenNegotiation): Promise<NegotiationEntity> {
  await lockRequest(manager, input.requestId);
  const waiting = await findWaiting(manager, input.requestId);
  if (!waiting) throw ProblemError.notFound(`request ${input.requestId} waiting for dispatch`);
  if (await unsettledNegotiationOf(manager, input.requestId))
    throw new ProblemError(409, 'negotiation_open', 'Negotiation open', 'this request already has a negotiation to settle');
  const directory = await unitDirectory(manager, input.candidateUnitIds);
  const unknown = input.candidateUnitIds.flatMap((id, i) => (directory.has(id) ? [] : [{ field: `candidateUnitIds.${i}`, message: 'no such unit of this hotline' }]));
  if (unknown.length > 0) throw ProblemError.validation(unknown);
  // A deactivated unit would never be given the lead: it is no candidate either.
  await refuseInactiveUnits(manager, input.candidateUnitIds.map((unitId, i) => ({ field: `candidateUnitIds.${i}`, unitId })));
  const openedAt = new Date();
  const negotiation: NegotiationEntity = {
    id: uuidv7(),
    tenantId: who.tenantId,
    requestId: input.requestId,
    requestNumber: waiting.brief.number,
    title: maskPersonalData(waiting.brief.title),
    categoryCode: waiting.brief.categoryCode,
    areaCode: waiting.brief.areaCode,
    candidateUnitIds: input.candidateUnitIds,
    state: 'open',
    dueAt: new Date(openedAt.getTime() + (input.hours ?? DEFAULT_NEGOTIATION_HOURS) * 3_600_000),
    openedBy: who.subject,
    openedAt,
    outcome: null,
    primaryUnitId: null,
    assistingUnitIds: null,
    settledBy: null,
    settledAt: null,
    lapsedAt: null,
  };
  await manager.getRepository(NegotiationEntity).insert(negotiation);
  await Timers.schedule(manager, { tenantId: who.tenantId, kind: NEGOTIATION_DUE_TIMER, key: negotiation.id, dueAt: negotiation.dueAt });
  await appendNegotiationChanged(manager, outbox, negotiation, who.subject, openedAt);
  return negotiation;
}
