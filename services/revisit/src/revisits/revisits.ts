import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Events } from '@hotline/contracts';
import { Identity, Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { canRecordRevisit, REVISIT_METHODS, SATISFACTIONS } from '@hotline/revisit-domain';
import { appendToArchive } from '../archive/archive';
import { Page } from '../common/page';
import { RequestProgressEntity } from './request-progress.entity';
import { RevisitEntity } from './revisit.entity';

export const RecordRevisitBody = z
  .object({
    requestId: z.string().trim().min(1).max(100),
    method: z.enum(REVISIT_METHODS),
    resolved: z.boolean(),
    satisfaction: z.enum(SATISFACTIONS),
  })
  .strict();
export type RecordRevisit = z.infer<typeof RecordRevisitBody>;

export function toProgressView(p: RequestProgressEntity) {
  return {
    requestId: p.requestId,
    primaryWorkOrderId: p.primaryWorkOrderId,
    primaryUnitId: p.primaryUnitId,
    status: p.status,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Requests whose primary answer passed review, longest waiting first. RLS scopes the query. */
export function listAwaitingRevisit(manager: EntityManager, page: Page): Promise<RequestProgressEntity[]> {
  return manager.getRepository(RequestProgressEntity).find({
    where: { status: 'awaiting-revisit' },
    order: { updatedAt: 'ASC', requestId: 'ASC' },
    take: page.limit,
    skip: page.offset,
  });
}

/**
 * Records a revisit, closes the request and archives it, all in the caller's transaction, with
 * RevisitRecorded, RequestClosed and RequestArchived in that order.
 */
export async function recordRevisit(manager: EntityManager, outbox: Outbox, who: Identity, input: RecordRevisit) {
  const progress = await manager.getRepository(RequestProgressEntity).findOne({
    where: { requestId: input.requestId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!progress) throw ProblemError.notFound(`request ${input.requestId}`);
  if (!canRecordRevisit(progress.status))
    throw ProblemError.conflict(`request ${input.requestId} is ${progress.status}, not awaiting revisit`);

  const now = new Date();
  const revisit = manager.getRepository(RevisitEntity).create({
    id: uuidv7(),
    tenantId: who.tenantId,
    requestId: input.requestId,
    unitId: progress.primaryUnitId,
    method: input.method,
    resolved: input.resolved,
    satisfaction: input.satisfaction,
    recordedAt: now,
    recordedBy: who.subject,
  });
  await manager.getRepository(RevisitEntity).insert(revisit);
  const event = { tenantId: who.tenantId, aggregateType: 'request', aggregateId: input.requestId };
  await outbox.append(manager, {
    ...event,
    event: Events.revisit.revisitRecorded,
    payload: {
      revisitId: revisit.id,
      requestId: input.requestId,
      method: input.method,
      resolved: input.resolved,
      satisfaction: input.satisfaction,
      recordedAt: now.toISOString(),
      unitId: progress.primaryUnitId,
    },
  });

  // 重办 (re-handling after a dissatisfied evaluation judged reasonable) is a later issue:
  // for now every revisit closes the request, whatever the evaluation.
  progress.status = 'closed';
  progress.updatedAt = now;
  await manager.getRepository(RequestProgressEntity).save(progress);
  await outbox.append(manager, {
    ...event,
    event: Events.revisit.requestClosed,
    payload: { requestId: input.requestId, closedAt: now.toISOString(), resolved: input.resolved, satisfaction: input.satisfaction },
  });

  const archived = await appendToArchive(manager, outbox, {
    tenantId: who.tenantId,
    requestId: input.requestId,
    primaryWorkOrderId: progress.primaryWorkOrderId,
    primaryUnitId: progress.primaryUnitId,
    closedAt: now,
    resolved: input.resolved,
    satisfaction: input.satisfaction,
    method: input.method,
  });
  return { revisit, archived };
}

export function toRevisitView(r: RevisitEntity) {
  return {
    id: r.id,
    requestId: r.requestId,
    unitId: r.unitId,
    method: r.method,
    resolved: r.resolved,
    satisfaction: r.satisfaction,
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: r.recordedBy,
  };
}
