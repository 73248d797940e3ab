import { EntityManager, In } from 'typeorm';
import { handlingDueOf } from '@hotline/handling-domain';
import { toPauseView } from '../clocks/clocks.views';
import { WorkOrderPauseEntity } from '../clocks/work-order-pause.entity';
import { WorkOrderExtensionEntity } from '../extensions/extension.entity';
import { toExtensionView } from '../extensions/extensions.views';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { toWorkOrderView } from '../work-orders/work-orders.views';
import type { ListApprovals } from './approvals.schemas';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

interface Row {
  kind: 'extension' | 'pause';
  id: string;
  work_order_id: string;
  asked_at: Date;
  total: number;
}

/**
 * What waits for the hotline's decision across the tenant (延期与暂停审批): pending extension and
 * pause requests, oldest ask first, a page at a time, each with its order and the due now.
 */
export async function listPendingApprovals(manager: EntityManager, q: ListApprovals) {
  const parts = [
    q.kind !== 'pause' ? `select 'extension' as kind, id, work_order_id, requested_at as asked_at from work_order_extensions where status = 'pending'` : null,
    q.kind !== 'extension' ? `select 'pause' as kind, id, work_order_id, asked_at from work_order_pauses where status = 'pending'` : null,
  ].filter(Boolean);
  const rows: Row[] = await manager.query(
    `select kind, id, work_order_id, asked_at, count(*) over ()::int as total from (${parts.join(' union all ')}) pending
     order by asked_at, id limit $1 offset $2`,
    [q.limit, q.offset],
  );
  const ids = (kind: Row['kind']) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const [orders, extensions, pauses] = await Promise.all([
    manager.getRepository(WorkOrderEntity).findBy({ id: In([...new Set(rows.map((r) => r.work_order_id))]) }),
    manager.getRepository(WorkOrderExtensionEntity).findBy({ id: In(ids('extension')) }),
    manager.getRepository(WorkOrderPauseEntity).findBy({ id: In(ids('pause')) }),
  ]);
  const order = new Map(orders.map((o) => [o.id, o]));
  const extension = new Map(extensions.map((e) => [e.id, e]));
  const pause = new Map(pauses.map((p) => [p.id, p]));
  type Item = ReturnType<typeof common> & { extension: ReturnType<typeof toExtensionView> | null; pause: ReturnType<typeof toPauseView> | null };
  const common = (r: Row, o: WorkOrderEntity) => ({ kind: r.kind, id: r.id, askedAt: r.asked_at.toISOString(), order: toWorkOrderView(o), handlingDueAt: handlingDueOf(o).toISOString() });
  const items = rows.flatMap((r): Item[] => {
    const o = order.get(r.work_order_id);
    if (!o) return [];
    const e = extension.get(r.id);
    const p = pause.get(r.id);
    if (r.kind === 'extension' && e) return [{ ...common(r, o), extension: toExtensionView(e), pause: null }];
    if (r.kind === 'pause' && p) return [{ ...common(r, o), extension: null, pause: toPauseView(p) }];
    return [];
  });
  return { items, total: rows[0]?.total ?? 0, limit: q.limit, offset: q.offset };
}
