import { PiiCipher, piiCommand, ServiceDefinition } from '@hotline/platform';
import { CalendarController } from './calendar/calendar.controller';
import { handlingConfigSchema } from './config';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { handlingGrpc } from './deadlines/deadlines.grpc';
import { entities, migrations, PII_COLUMNS } from './persistence/schema';
import { PiiAccessLogController } from './pii-access/pii-access.controller';
import { TimeLimitsController } from './time-limits/time-limits.controller';
import { onAnswerReviewed } from './work-orders/on-answer-reviewed.handler';
import { onRequestClosed } from './work-orders/on-request-closed.handler';
import { onRequestDispatched } from './work-orders/on-request-dispatched.handler';
import { overdueTimers } from './work-orders/overdue.timer';
import { WorkOrdersController } from './work-orders/work-orders.controller';

/** handling: work orders per unit, time limits, the tenant working calendar and deadline computation (办理时限). */
export const handlingService: ServiceDefinition = {
  name: 'handling',
  description:
    "Handling (办理): work orders per unit, the tenant's working calendar (with the years of national holidays it knows) " +
    'and time-limit table, sign-for and answers (kept masked, their clear text encrypted and read only on purpose, logged), ' +
    'rework, overdue timers.',
  configSchema: handlingConfigSchema,
  entities,
  migrations,
  controllers: [CalendarController, DeadlinesController, TimeLimitsController, WorkOrdersController, PiiAccessLogController],
  providers: (ctx) => [{ provide: PiiCipher, useValue: PiiCipher.fromConfig(ctx.serviceConfig) }],
  grpc: (ctx) => [handlingGrpc(ctx)],
  // Durable consumers: handling--hl-dispatch-v1--request-dispatched, handling--hl-revisit-v1--answer-reviewed
  // and handling--hl-intake-v1--request-status-changed, each filtered to its one event.
  handlers: [onRequestDispatched, onAnswerReviewed, onRequestClosed],
  timers: overdueTimers,
  commands: { pii: piiCommand(PII_COLUMNS) },
};
