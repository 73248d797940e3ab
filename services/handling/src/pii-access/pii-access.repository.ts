import { EntityManager } from 'typeorm';
import type { FreeTextField } from '@hotline/handling-domain';
import type { Identity } from '@hotline/platform';
import type { PiiAccessPurpose, Role } from '@hotline/vocabulary';
import type { PiiAccessLogFilter } from './pii-access.schemas';

export interface PiiAccess {
  id: string;
  accessedAt: Date;
  subject: string;
  roles: Role[];
  purpose: PiiAccessPurpose;
  workOrderId: string;
  requestId: string;
  fields: FreeTextField[];
}

/** Records one clear read, in the transaction that reads (pii_access_log is append-only; RLS scopes the tenant). */
export async function recordPiiAccess(
  manager: EntityManager,
  who: Identity,
  read: { purpose: PiiAccessPurpose; workOrderId: string; requestId: string; fields: readonly FreeTextField[] },
): Promise<void> {
  await manager.query(
    `insert into pii_access_log (tenant_id, subject, roles, purpose, work_order_id, request_id, fields) values ($1, $2, $3, $4, $5, $6, $7)`,
    [who.tenantId, who.subject, who.roles, read.purpose, read.workOrderId, read.requestId, read.fields],
  );
}

interface Row {
  id: string;
  accessed_at: Date;
  subject: string;
  roles: Role[];
  purpose: PiiAccessPurpose;
  work_order_id: string;
  request_id: string;
  fields: FreeTextField[];
}

const toAccess = (r: Row): PiiAccess => ({
  id: r.id,
  accessedAt: r.accessed_at,
  subject: r.subject,
  roles: r.roles,
  purpose: r.purpose,
  workOrderId: r.work_order_id,
  requestId: r.request_id,
  fields: r.fields,
});

/** One page of the tenant's log, newest first, and how many entries the filter matches (run both in one snapshot). */
export async function listPiiAccess(manager: EntityManager, filter: PiiAccessLogFilter): Promise<[PiiAccess[], number]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (column: string, operator: string, value: unknown) => {
    if (value === undefined) return;
    params.push(value);
    conditions.push(`${column} ${operator} $${params.length}`);
  };
  where('work_order_id', '=', filter.workOrderId);
  where('request_id', '=', filter.requestId);
  where('subject', '=', filter.subject);
  where('purpose', '=', filter.purpose);
  where('accessed_at', '>=', filter.from);
  where('accessed_at', '<', filter.to);
  const matching = `from pii_access_log${conditions.length ? ` where ${conditions.join(' and ')}` : ''}`;
  const [count]: Array<{ n: number }> = await manager.query(`select count(*)::int as n ${matching}`, params);
  const rows: Row[] = await manager.query(
    `select id::text, accessed_at, subject, roles, purpose, work_order_id::text, request_id, fields ${matching}
      order by accessed_at desc, id desc limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return [rows.map(toAccess), count?.n ?? 0];
}
