import { EntityManager } from 'typeorm';
import { consumersOf } from '@hotline/contracts';
import { isClosedStatus, nextStatus, RequestStatus } from '@hotline/intake-domain';
import type { EventHandler, ReceivedEvent, ServiceContext } from '@hotline/platform';
import { appendTimeline } from '../requests/timeline';
import { LifecycleEvent, toLifecycleEvent } from './lifecycle-events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RequestRow {
  status: RequestStatus;
  primary_unit_id: string | null;
}

/**
 * The primary unit: RequestDispatched names it; a primary work order (created or answered)
 * also does, so a handling event that overtakes its dispatch event still finds it.
 */
function primaryUnitAfter(current: string | null, e: LifecycleEvent): string | null {
  if (e.kind === 'dispatched') return e.primaryUnitId ?? current;
  return current ?? e.primaryUnitId ?? null;
}

/** Applies one lifecycle event to a known request: primary unit, status, timeline step. */
export async function applyLifecycleEvent(event: ReceivedEvent, manager: EntityManager): Promise<void> {
  const e = toLifecycleEvent(event);
  if (!e || !UUID.test(e.requestId)) return;
  const [row]: RequestRow[] = await manager.query(
    `select status, primary_unit_id from requests where id = $1 for update`,
    [e.requestId],
  );
  if (!row) return;
  const primaryUnitId = primaryUnitAfter(row.primary_unit_id, e);
  const fromPrimaryUnit = e.unitId !== undefined && e.unitId !== '' && e.unitId === primaryUnitId;
  const status = nextStatus(row.status, { kind: e.kind, fromPrimaryUnit, passed: e.passed });
  await manager.query(
    `update requests set status = $2, primary_unit_id = $3,
       closed_at = case when $4 then coalesce(closed_at, $5) else closed_at end
     where id = $1`,
    [e.requestId, status ?? row.status, primaryUnitId, status !== undefined && isClosedStatus(status), e.at],
  );
  await appendTimeline(manager, event.tenantId, e.requestId, { at: e.at, status: status ?? null, eventType: event.type, note: e.note });
}

/** One handler per durable consumer intake owns (the dispatch, handling and revisit streams). */
export function timelineConsumers(ctx: ServiceContext): Record<string, EventHandler> {
  return Object.fromEntries(consumersOf(ctx.bus.namespace, 'intake').map((spec) => [spec.durable, applyLifecycleEvent]));
}
