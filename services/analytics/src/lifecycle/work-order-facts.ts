import { EntityManager } from 'typeorm';

/** How an upsert merges a column into an existing row; default: keep the old value when the event does not know it. */
type Merge = Record<string, string>;

/**
 * Upserts the columns an event knows about one work order and returns the order's role
 * (null while WorkOrderCreated has not been seen). Column names come from this module's callers only.
 */
export async function upsertWorkOrder(
  m: EntityManager,
  tenantId: string,
  workOrderId: string,
  values: Record<string, unknown>,
  merge: Merge = {},
): Promise<string | null> {
  const columns = Object.keys(values);
  const placeholders = columns.map((_, i) => `$${i + 3}`);
  const sets = columns.map((c) => `${c} = ${merge[c] ?? `coalesce(excluded.${c}, work_order_facts.${c})`}`);
  const rows: Array<{ role: string | null }> = await m.query(
    `insert into work_order_facts (tenant_id, work_order_id, ${columns.join(', ')})
     values ($1, $2, ${placeholders.join(', ')})
     on conflict (tenant_id, work_order_id) do update set ${sets.join(', ')}
     returning role`,
    [tenantId, workOrderId, ...Object.values(values)],
  );
  return rows[0]?.role ?? null;
}

/** A review passed before handling's WorkOrderCreated reached analytics (different streams). */
export async function passedReviewOf(m: EntityManager, tenantId: string, workOrderId: string): Promise<Date | null> {
  const [row]: Array<{ review_passed: boolean | null; reviewed_at: Date | null }> = await m.query(
    `select review_passed, reviewed_at from work_order_facts where tenant_id = $1 and work_order_id = $2`,
    [tenantId, workOrderId],
  );
  return row?.review_passed && row.reviewed_at ? new Date(row.reviewed_at) : null;
}

export const greatest = (column: string): string => `greatest(excluded.${column}, work_order_facts.${column})`;
export const either = (column: string): string => `(excluded.${column} or work_order_facts.${column})`;
