import { consumersOf, ProducerName } from '@hotline/contracts';
import { EventHandler, ServiceDefinition } from '@hotline/platform';
import { CalendarController } from './calendar/calendar.controller';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { handlingGrpc } from './deadlines/deadlines.grpc';
import { entities, migrations } from './persistence/schema';
import { TimeLimitsController } from './time-limits/time-limits.controller';
import { answerReviewedHandler } from './work-orders/answer-reviewed';
import { requestDispatchedHandler } from './work-orders/create-work-orders';
import { overdueTimers } from './work-orders/overdue-timers';
import { WorkOrdersController } from './work-orders/work-orders.controller';

/** handling: work orders per unit, time limits, the tenant working calendar and deadline computation (办理时限). */
export const handlingService: ServiceDefinition = {
  name: 'handling',
  description:
    "Handling (办理): work orders per unit, the tenant's working calendar and time-limit table, sign-for and answers, overdue timers.",
  entities,
  migrations,
  controllers: [CalendarController, DeadlinesController, TimeLimitsController, WorkOrdersController],
  grpc: (ctx) => [handlingGrpc(ctx)],
  // Every handler ignores event types it does not handle, so each is keyed by its producer's stream.
  consumers: (ctx) => {
    const byProducer: Partial<Record<ProducerName, EventHandler>> = {
      dispatch: requestDispatchedHandler(ctx.outbox),
      revisit: answerReviewedHandler(ctx.outbox),
    };
    const handlers: Record<string, EventHandler> = {};
    for (const spec of consumersOf(ctx.bus.namespace, 'handling')) {
      const handler = byProducer[spec.producer];
      if (handler) handlers[spec.durable] = handler;
    }
    return handlers;
  },
  timers: (ctx) => overdueTimers(ctx.outbox),
};
