import { EntityManager } from 'typeorm';
import { maskPersonalData } from '@hotline/privacy';
import { Identity, Outbox, ProblemError } from '@hotline/platform';
import { announceSupervision } from './announce-supervision';
import { SupervisionOrder, updateSupervision } from './supervision.repository';
import { findVisibleSupervision } from './supervision.query';
import { CloseSupervision } from './supervision.schemas';

/** The hotline accepts the unit's reply and closes the 督办 order; an order without a reply cannot close. */
export async function closeSupervision(manager: EntityManager, outbox: Outbox, who: Identity, id: string, input: CloseSupervision): Promise<SupervisionOrder> {
  const supervision = await findVisibleSupervision(manager, who, id, true);
  if (supervision.state !== 'replied') throw ProblemError.conflict(supervision.state === 'open' ? 'the unit has not replied yet' : 'the supervision order is closed already');
  const closedAt = new Date();
  const closed: SupervisionOrder = { ...supervision, state: 'closed', closedAt, closedBy: who.subject, closeNote: input.note ? maskPersonalData(input.note) : null };
  await updateSupervision(manager, closed);
  await announceSupervision(manager, outbox, closed, 'closed', closedAt, who.subject);
  return closed;
}
