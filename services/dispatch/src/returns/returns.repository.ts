import { EntityManager } from 'typeorm';
import { ReturnEntity } from './returns.entities';

// Row-level security scopes every query here to the transaction's tenant.

export async function insertReturn(manager: EntityManager, row: ReturnEntity): Promise<void> {
  await manager.getRepository(ReturnEntity).insert(row);
}

export function countReturnsOfAttempt(manager: EntityManager, requestId: string, attempt: number): Promise<number> {
  return manager.getRepository(ReturnEntity).count({ where: { requestId, attempt } });
}

export function findReturn(manager: EntityManager, id: string, lock = false): Promise<ReturnEntity | null> {
  return manager.getRepository(ReturnEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

export function returnsOfRequest(manager: EntityManager, requestId: string): Promise<ReturnEntity[]> {
  return manager.getRepository(ReturnEntity).find({ where: { requestId }, order: { attempt: 'ASC' } });
}

export async function saveDecision(manager: EntityManager, row: ReturnEntity): Promise<void> {
  const { status, decidedBy, decidedAt, decisionNote } = row;
  await manager.getRepository(ReturnEntity).update({ id: row.id }, { status, decidedBy, decidedAt, decisionNote });
}
