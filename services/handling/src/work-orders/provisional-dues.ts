import { Counter, Registry } from 'prom-client';
import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { ServiceContext } from '@hotline/platform';
import type { Clock } from '@hotline/vocabulary';
import { recordCoverageGaps } from '../calendar/calendar.repository';
import { WorkOrderEntity } from './work-order.entity';
import { appendWorkOrderEvent, dataMissingEvent } from './work-order-events';

const counters = new WeakMap<Registry, Counter<'clock'>>();

/** One counter per service registry (several services may share a process in tests). */
function provisionalDeadlines(registry: Registry): Counter<'clock'> {
  let counter = counters.get(registry);
  if (!counter) {
    counter = new Counter({
      name: 'hotline_provisional_deadlines_total',
      help: 'Dues computed into a year without national holiday data (Monday to Friday only), by clock',
      labelNames: ['clock'],
      registers: [registry],
    });
    counters.set(registry, counter);
  }
  return counter;
}

export interface ProvisionalDues {
  years: readonly number[];
  /** The latest of the provisional dues. */
  dueAt: Date;
  clocks: readonly Clock[];
}

/**
 * Makes a due computed without holiday data visible: the tenant's coverage gap (so loading the
 * year recomputes it), CalendarDataMissing, the counter and a warning with codes only.
 */
export async function reportProvisionalDues(
  manager: EntityManager,
  ctx: ServiceContext,
  order: WorkOrderEntity,
  provisional: ProvisionalDues,
): Promise<void> {
  const detectedAt = new Date();
  await recordCoverageGaps(manager, order.tenantId, provisional.years);
  await appendWorkOrderEvent(
    manager,
    ctx.outbox,
    Events.handling.calendarDataMissing,
    order,
    dataMissingEvent(order, provisional.years, provisional.dueAt, detectedAt),
  );
  for (const clock of provisional.clocks) provisionalDeadlines(ctx.metrics.registry).inc({ clock });
  ctx.logger.warn(
    { tenantId: order.tenantId, workOrderId: order.id, requestId: order.requestId, years: provisional.years, clocks: provisional.clocks },
    'due computed without national holiday data for these years (Monday to Friday only): provisional until the year is loaded',
  );
}
