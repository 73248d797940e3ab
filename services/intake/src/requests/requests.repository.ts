import { EntityManager } from 'typeorm';
import type { RequestProgress } from '@hotline/intake-domain';
import type { RequestStatus } from '@hotline/vocabulary';
import { RequestEntity } from './request.entity';
import type { ListRequests } from './requests.schemas';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

/** An insert, not a save: a new id needs no look for an existing row first. */
export async function insertRequest(manager: EntityManager, request: RequestEntity): Promise<RequestEntity> {
  const entity = manager.getRepository(RequestEntity).create(request);
  await manager.getRepository(RequestEntity).insert(entity);
  return entity;
}

export function findRequest(manager: EntityManager, id: string): Promise<RequestEntity | null> {
  return manager.getRepository(RequestEntity).findOneBy({ id });
}

export function findRequestByNumber(manager: EntityManager, number: string): Promise<RequestEntity | null> {
  return manager.getRepository(RequestEntity).findOneBy({ number });
}

/** Newest first. */
export function findRequests(manager: EntityManager, query: ListRequests): Promise<[RequestEntity[], number]> {
  return manager.getRepository(RequestEntity).findAndCount({
    where: query.status ? { status: query.status } : {},
    order: { receivedAt: 'DESC', number: 'DESC' },
    take: query.limit,
    skip: query.offset,
  });
}

/** The request's progress, its row locked until the transaction ends (lifecycle events apply one at a time). */
export async function lockProgress(manager: EntityManager, id: string): Promise<RequestProgress | undefined> {
  const [row] = await manager.query(
    `select status, status_changed_at, primary_unit_id from requests where id = $1 for update`,
    [id],
  );
  return row ? { status: row.status, statusSince: new Date(row.status_changed_at), primaryUnitId: row.primary_unit_id } : undefined;
}

export async function setPrimaryUnit(manager: EntityManager, id: string, primaryUnitId: string | null): Promise<void> {
  await manager.query(`update requests set primary_unit_id = $2 where id = $1`, [id, primaryUnitId]);
}

/** Moves the status, counts the change and returns its number (RequestStatusChanged.sequence). */
export async function moveStatus(
  manager: EntityManager,
  id: string,
  to: RequestStatus,
  at: Date,
  closes: boolean,
): Promise<number> {
  // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
  const [[row]] = await manager.query(
    `update requests set status = $2, status_changed_at = $3, status_version = status_version + 1,
       closed_at = case when $4 then coalesce(closed_at, $3) else closed_at end
     where id = $1 returning status_version`,
    [id, to, at, closes],
  );
  return Number(row.status_version);
}
