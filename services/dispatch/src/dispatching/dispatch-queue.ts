import { EntityManager, IsNull } from 'typeorm';
import { z } from 'zod';
import { MAX_ASSISTING_UNITS, assistingUnitIssues } from '@hotline/dispatch-domain';
import { Outbox, ProblemError } from '@hotline/platform';
import { DispatchEntity, DispatchQueueEntity } from './dispatch.entities';
import { assertUnitsExist, lockRequest, recordDispatch } from './dispatching';

export const ListQueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const AssignBody = z
  .object({
    primaryUnitId: z.string().uuid(),
    assistingUnitIds: z.array(z.string().uuid()).max(MAX_ASSISTING_UNITS).default([]),
  })
  .strict()
  .superRefine((body, ctx) => {
    for (const issue of assistingUnitIssues(body.primaryUnitId, body.assistingUnitIds))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['assistingUnitIds', Number(issue.field.split('.')[1])], message: issue.message });
  });
export type Assign = z.infer<typeof AssignBody>;

export const RequestIdParams = z.object({ requestId: z.string().uuid() });

export interface QueueItemView {
  requestId: string;
  number: string;
  title: string;
  categoryCode: string;
  areaCode: string;
  requestType: string;
  urgency: string;
  reason: string;
  queuedAt: string;
}

function toQueueItemView(item: Pick<DispatchQueueEntity, 'requestId' | 'brief' | 'reason' | 'queuedAt'>): QueueItemView {
  const b = item.brief;
  return {
    requestId: item.requestId,
    number: b.number,
    title: b.title,
    categoryCode: b.categoryCode,
    areaCode: b.areaCode,
    requestType: b.requestType,
    urgency: b.urgency,
    reason: item.reason,
    queuedAt: item.queuedAt.toISOString(),
  };
}

/** Waiting items, the most urgent first (特急, 紧急, 一般), then oldest first. */
export async function listWaiting(manager: EntityManager, limit: number, offset: number) {
  const rows: Array<{ request_id: string; brief: DispatchQueueEntity['brief']; reason: string; queued_at: Date }> = await manager.query(
    `select request_id, brief, reason, queued_at from dispatch_queue where resolved_at is null
      order by case brief->>'urgency' when 'critical' then 0 when 'urgent' then 1 else 2 end, queued_at, request_id
      limit $1 offset $2`,
    [limit, offset],
  );
  const [{ total }] = await manager.query(`select count(*)::int as total from dispatch_queue where resolved_at is null`);
  const items = rows.map((r) => toQueueItemView({ requestId: r.request_id, brief: r.brief, reason: r.reason, queuedAt: r.queued_at }));
  return { items, total, limit, offset };
}

/** A dispatcher places a waiting request by hand: dispatch (mode manual) and resolve the queue item. */
export async function assignWaiting(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  requestId: string,
  dispatcher: string,
  input: Assign,
): Promise<DispatchEntity> {
  await lockRequest(manager, requestId);
  const queue = manager.getRepository(DispatchQueueEntity);
  const item = await queue.findOne({ where: { requestId, resolvedAt: IsNull() } });
  if (!item) throw ProblemError.notFound(`request ${requestId} waiting for dispatch`);
  await assertUnitsExist(manager, input);
  const dispatch = await recordDispatch(manager, outbox, tenantId, item.brief, {
    mode: 'manual',
    catalogVersion: 0,
    dispatchedBy: dispatcher,
    units: input,
  });
  await queue.update({ requestId }, { resolvedAt: dispatch.dispatchedAt });
  return dispatch;
}
