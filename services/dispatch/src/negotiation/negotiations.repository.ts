import { EntityManager } from 'typeorm';
import type { NegotiationState } from '@hotline/vocabulary';
import { NegotiationEntity, NegotiationResponseEntity } from './negotiation.entities';

// Row-level security scopes every query here to the transaction's tenant.

export function findNegotiation(manager: EntityManager, id: string, lock = false): Promise<NegotiationEntity | null> {
  return manager.getRepository(NegotiationEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

/** The request's negotiation still to be settled (open, or lapsed and waiting for the hotline), if any. */
export function unsettledNegotiationOf(manager: EntityManager, requestId: string): Promise<NegotiationEntity | null> {
  return manager
    .getRepository(NegotiationEntity)
    .createQueryBuilder('n')
    .where('n.request_id = :requestId and n.state in (:...states)', { requestId, states: ['open', 'lapsed'] })
    .getOne();
}

export async function saveNegotiation(manager: EntityManager, n: NegotiationEntity): Promise<void> {
  await manager.getRepository(NegotiationEntity).save(n);
}

export function responsesOf(manager: EntityManager, negotiationIds: readonly string[]): Promise<NegotiationResponseEntity[]> {
  if (negotiationIds.length === 0) return Promise.resolve([]);
  return manager
    .getRepository(NegotiationResponseEntity)
    .createQueryBuilder('r')
    .where('r.negotiation_id = any(:ids)', { ids: [...negotiationIds] })
    .orderBy('r.responded_at', 'ASC')
    .getMany();
}

/** Inserts the answer; false when the unit had answered already. */
export async function insertResponse(manager: EntityManager, r: NegotiationResponseEntity): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `insert into dispatch_negotiation_responses (negotiation_id, tenant_id, unit_id, stance, note, responded_by, responded_at)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (negotiation_id, unit_id) do nothing returning unit_id`,
    [r.negotiationId, r.tenantId, r.unitId, r.stance, r.note, r.respondedBy, r.respondedAt],
  );
  return rows.length === 1;
}

/** A page of negotiations, newest first: of one state, and with one candidate unit, when given. */
export async function negotiationsPage(manager: EntityManager, page: { limit: number; offset: number; state?: NegotiationState; candidateUnitId?: string }) {
  const query = manager.getRepository(NegotiationEntity).createQueryBuilder('n');
  if (page.state) query.andWhere('n.state = :state', { state: page.state });
  if (page.candidateUnitId) query.andWhere(':unitId = any(n.candidate_unit_ids)', { unitId: page.candidateUnitId });
  const [rows, total] = await query.orderBy('n.opened_at', 'DESC').addOrderBy('n.id', 'DESC').take(page.limit).skip(page.offset).getManyAndCount();
  return { rows, total };
}
