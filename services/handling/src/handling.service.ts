import { ATTACHMENT_CEILING_BYTES, attachmentErasureWorkers, Attachments } from '@hotline/attachments';
import { NotificationsController, PiiCipher, piiCommand, ServiceDefinition } from '@hotline/platform';
import { ApprovalsController } from './approvals/approvals.controller';
import { AttachmentsController } from './attachments/attachments.controller';
import { CalendarController } from './calendar/calendar.controller';
import { ClocksController } from './clocks/clocks.controller';
import { pauseLimitTimer } from './clocks/pause-limit.timer';
import { CoHandlingController } from './co-handling/co-handling.controller';
import { handlingConfigSchema } from './config';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { ExtensionsController } from './extensions/extensions.controller';
import { handlingGrpc } from './deadlines/deadlines.grpc';
import { handlingNotificationWorkers } from './notifications/notifications.worker';
import { entities, migrations, PII_COLUMNS } from './persistence/schema';
import { PiiAccessLogController } from './pii-access/pii-access.controller';
import { onEvaluationJudged } from './redo/on-evaluation-judged.handler';
import { onReturnDecided } from './returns/on-return-decided.handler';
import { SignOffController } from './sign-off/sign-off.controller';
import { SupervisionController } from './supervision/supervision.controller';
import { supervisionReplyDueTimer } from './supervision/supervision-reply-due.timer';
import { onRequestAnonymised } from './retention/on-request-anonymised.handler';
import { TimeLimitsController } from './time-limits/time-limits.controller';
import { urgeLadderTimers } from './urging/urge-ladder.timer';
import { UrgingController } from './urging/urging.controller';
import { onAnswerReviewed } from './work-orders/on-answer-reviewed.handler';
import { onRequestClosed } from './work-orders/on-request-closed.handler';
import { onRequestDispatched } from './work-orders/on-request-dispatched.handler';
import { warningTimers } from './warnings/warning.timer';
import { WarningsController } from './warnings/warnings.controller';
import { overdueTimers } from './work-orders/overdue.timer';
import { WorkOrdersController } from './work-orders/work-orders.controller';

/** handling: work orders per unit, time limits, the tenant working calendar and deadline computation (办理时限). */
export const handlingService: ServiceDefinition = {
  name: 'handling',
  description:
    "Handling (办理): work orders per unit, the tenant's working calendar (with the years of national holidays it knows) " +
    'and time-limit table, sign-for and answers (kept masked, their clear text encrypted and read only on purpose, logged), ' +
    'co-handling (assisting units give their input to the lead\'s answer), rework, overdue timers, extensions, red/yellow/green warnings and urging (催办 by hand, the notice and circular on a ladder) and 督办 orders with their replies.',
  configSchema: handlingConfigSchema,
  entities,
  migrations,
  controllers: [CalendarController, DeadlinesController, TimeLimitsController, WorkOrdersController, PiiAccessLogController,
    ExtensionsController, WarningsController, UrgingController, SupervisionController, SignOffController, CoHandlingController, ClocksController, AttachmentsController,
    NotificationsController, ApprovalsController],
  providers: (ctx) => [
    { provide: PiiCipher, useValue: PiiCipher.fromConfig(ctx.serviceConfig) },
    { provide: Attachments, useValue: Attachments.fromConfig(ctx.serviceConfig, 'handling') },
  ],
  // An attachment's body (the file itself) up to the platform's ceiling; each tenant's own limit is checked after.
  bodyLimits: {
    'POST /v1/work-orders/:id/attachments': ATTACHMENT_CEILING_BYTES,
    'POST /v1/supervision-orders/:id/attachments': ATTACHMENT_CEILING_BYTES,
  },
  grpc: (ctx) => [handlingGrpc(ctx)],
  // Durable consumers: handling--hl-dispatch-v1--request-dispatched, handling--hl-revisit-v1--answer-reviewed
  // and handling--hl-intake-v1--request-status-changed, each filtered to its one event;
  // handling--hl-revisit-v1--redo (EvaluationJudged only: 重办 after a reasonable complaint);
  // handling--hl-dispatch-v1--return-decided (ReturnDecided only: an accepted 退单 cancels the unit's order).
  // handling--hl-revisit-v1--retention (RequestAnonymised only: identity and free text removed after retention, issue 13).
  handlers: [onRequestDispatched, onAnswerReviewed, onRequestClosed, onEvaluationJudged, onReturnDecided, onRequestAnonymised],
  timers: [...overdueTimers, ...warningTimers, ...urgeLadderTimers, supervisionReplyDueTimer, pauseLimitTimer],
  // Units are told of a new order, an urge (the leader copied on the notice) and a breach (ADR 0029).
  // The notification relay, and the erasure of attachment bytes after retention (ADR 0033: leased timers, deletes outside any transaction).
  workers: (ctx) => [...handlingNotificationWorkers(ctx), ...attachmentErasureWorkers(ctx, 'handling')],
  commands: { pii: piiCommand(PII_COLUMNS) },
};
