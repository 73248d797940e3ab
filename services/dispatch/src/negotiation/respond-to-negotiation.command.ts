import { EntityManager } from 'typeorm';
import { consensusOf } from '@hotline/dispatch-domain';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { systemActor } from '@hotline/vocabulary';
import { lockRequest } from '../dispatching/dispatching.repository';
import { unitsByCodes } from '../units/units.repository';
import { NegotiationEntity } from './negotiation.entities';
import { Respond } from './negotiation.schemas';
import { findNegotiation, insertResponse, responsesOf } from './negotiations.repository';
import { settle } from './settle-negotiation.command';

/**
 * A candidate unit answers (staff of that unit, by their token's `unit` claim), once. When every
 * candidate has answered and exactly one takes the lead, the negotiation settles itself
 * (`agreed`) and the request is dispatched; if that dispatch breaks a rule, the negotiation
 * stays open for the hotline to decide.
 */
export async function respondToNegotiation(
  manager: EntityManager,
  outbox: Outbox,
  who: Identity,
  negotiationId: string,
  input: Respond,
): Promise<NegotiationEntity> {
  const found = await findNegotiation(manager, negotiationId);
  if (!found) throw ProblemError.notFound(`negotiation ${negotiationId}`);
  await lockRequest(manager, found.requestId);
  const negotiation = (await findNegotiation(manager, negotiationId, true)) ?? found;
  if (negotiation.state !== 'open')
    throw new ProblemError(409, `negotiation_${negotiation.state}`, 'Negotiation closed', `this negotiation is ${negotiation.state}: the hotline decides`);
  const [unit] = who.unit ? await unitsByCodes(manager, [who.unit]) : [];
  if (!unit || !negotiation.candidateUnitIds.includes(unit.id))
    throw ProblemError.forbidden('only staff of a candidate unit of this negotiation may answer it');
  const answered = await insertResponse(manager, {
    negotiationId,
    tenantId: who.tenantId,
    unitId: unit.id,
    stance: input.stance,
    note: maskPersonalData(input.note),
    respondedBy: who.subject,
    respondedAt: new Date(),
  });
  if (!answered) throw new ProblemError(409, 'already_answered', 'Already answered', `unit ${unit.code} answered this negotiation already`);
  const agreed = consensusOf(negotiation.candidateUnitIds, await responsesOf(manager, [negotiationId]));
  if (!agreed) return negotiation;
  // The agreement may break a dispatch rule (a street unit on a department's duty): then what
  // settling wrote is undone to the savepoint, the answer stays, and the hotline decides.
  await manager.query('savepoint negotiation_agreed');
  try {
    const settled = await settle(manager, outbox, negotiation, agreed, 'agreed', systemActor('dispatch'));
    await manager.query('release savepoint negotiation_agreed');
    return settled;
  } catch (err) {
    if (!(err instanceof ProblemError && err.status === 400)) throw err;
    await manager.query('rollback to savepoint negotiation_agreed');
    return negotiation;
  }
}
