import { EntityManager } from 'typeorm';
import type { commonV1 } from '@hotline/contracts';
import { nextStage, receiptDay, RequestStage, StageChange } from '@hotline/analytics-domain';

interface StageRow {
  stage: RequestStage;
  stage_at: Date;
}

/**
 * Moves a request's stage (creating its row if this is the first event seen for it). The row is
 * locked while deciding, so consumers of different streams cannot interleave on one request.
 */
export async function moveStage(m: EntityManager, tenantId: string, requestId: string, change: StageChange): Promise<void> {
  const inserted: unknown[] = await m.query(
    `insert into request_facts (tenant_id, request_id, stage, stage_at) values ($1, $2, $3, $4)
     on conflict (tenant_id, request_id) do nothing returning request_id`,
    [tenantId, requestId, change.stage, change.at],
  );
  if (inserted.length > 0) return;
  const [current]: StageRow[] = await m.query(
    `select stage, stage_at from request_facts where tenant_id = $1 and request_id = $2 for update`,
    [tenantId, requestId],
  );
  const next = nextStage(current ? { stage: current.stage, at: new Date(current.stage_at) } : null, change);
  if (!next) return;
  await m.query(`update request_facts set stage = $3, stage_at = $4 where tenant_id = $1 and request_id = $2`, [
    tenantId,
    requestId,
    next.stage,
    next.at,
  ]);
}

/**
 * Records what a brief tells about a request (every brief-bearing event repeats it; dispatch may
 * reclassify), then its stage, and copies category and receipt day onto an earlier revisit.
 */
export async function recordBrief(
  m: EntityManager,
  tenantId: string,
  brief: commonV1.RequestBrief | undefined,
  change: Omit<StageChange, 'rework'>,
): Promise<void> {
  if (!brief?.requestId) return;
  await moveStage(m, tenantId, brief.requestId, change);
  const day = receiptDay(brief.receivedAt);
  await m.query(
    `update request_facts set
       received_at = coalesce($3::timestamptz, received_at),
       day = coalesce($4::date, day),
       request_type = coalesce(nullif($5, ''), request_type),
       urgency = coalesce(nullif($6, ''), urgency),
       category_code = coalesce(nullif($7, ''), category_code),
       area_code = coalesce(nullif($8, ''), area_code),
       channel = coalesce(nullif($9, ''), channel)
     where tenant_id = $1 and request_id = $2`,
    [
      tenantId,
      brief.requestId,
      day ? brief.receivedAt : null,
      day,
      brief.requestType,
      brief.urgency,
      brief.categoryCode,
      brief.areaCode,
      brief.channel,
    ],
  );
  await m.query(
    `update revisit_facts r set category_code = q.category_code, day = q.day
     from request_facts q
     where r.tenant_id = $1 and r.request_id = $2 and q.tenant_id = r.tenant_id and q.request_id = r.request_id`,
    [tenantId, brief.requestId],
  );
}

/** Closure details (办结, or closed at intake); the stage is moved separately. */
export async function recordClosure(
  m: EntityManager,
  tenantId: string,
  requestId: string,
  closure: { closedAt: Date | null; resolved?: boolean; satisfaction?: string },
): Promise<void> {
  await m.query(
    `update request_facts set
       closed_at = coalesce($3::timestamptz, closed_at),
       resolved = coalesce($4::boolean, resolved),
       satisfaction = coalesce(nullif($5, ''), satisfaction)
     where tenant_id = $1 and request_id = $2`,
    [tenantId, requestId, closure.closedAt, closure.resolved ?? null, closure.satisfaction ?? ''],
  );
}
