import { ServiceDefinition } from '@hotline/platform';
import { ArchiveController } from './archive/archive.controller';
import { onRequestAccepted } from './case-file/on-request-accepted.handler';
import { onRequestClosedAtIntake } from './case-file/on-request-closed-at-intake.handler';
import { onRequestDispatched } from './case-file/on-request-dispatched.handler';
import { onRequestTerminated } from './case-file/on-request-terminated.handler';
import { onWorkOrderCancelled } from './case-file/on-work-order-cancelled.handler';
import { onWorkOrderCreated } from './case-file/on-work-order-created.handler';
import { onWorkOrderReopened } from './case-file/on-work-order-reopened.handler';
import { onWorkOrderSigned } from './case-file/on-work-order-signed.handler';
import { followUpDueTimer } from './follow-ups/follow-up-due.timer';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { entities, migrations } from './persistence/schema';
import { onChannelConfigured } from './policies/on-channel-configured.handler';
import { PoliciesController } from './policies/policies.controller';
import { revisitGrpc } from './policies/policies.grpc';
import { RetentionController } from './retention/retention.controller';
import { revisitConfigSchema } from './retention/retention-config';
import { retentionBatchTimer } from './retention/retention-batch.timer';
import { retentionDailyTimer } from './retention/retention-daily.timer';
import { onWorkOrderAnswered } from './reviews/on-work-order-answered.handler';
import { ReviewsController } from './reviews/reviews.controller';
import { RevisitsController } from './revisits/revisits.controller';
import { revisitWindowTimer } from './revisits/revisit-window.timer';

/** revisit: answer review (复核), revisit (回访), closure (办结) and the hash-chained archive (归档). */
export const revisitService: ServiceDefinition = {
  name: 'revisit',
  description:
    'Revisit (复核、回访、办结、归档): answer review, revisit and evaluation, closure, and the tamper-evident archive of every closed request.',
  // RETENTION_BATCH_SIZE: archived requests anonymised per batch of a retention run (issue 13).
  configSchema: revisitConfigSchema,
  entities,
  migrations,
  controllers: [PoliciesController, ReviewsController, RevisitsController, ArchiveController, RetentionController, FollowUpsController],
  grpc: (ctx) => [revisitGrpc(ctx)],
  // Durable consumers: revisit--hl-handling-v1--work-order-answered (WorkOrderAnswered only, as
  // deployed), revisit--hl-intake-v1--case-file (whole stream: RequestAccepted,
  // RequestClosedAtIntake, RequestTerminated) and revisit--hl-handling-v1--case-file (whole
  // stream), revisit--hl-dispatch-v1--case-file (RequestDispatched only),
  // revisit--hl-intake-v1--channel-kinds (ChannelConfigured only).
  handlers: [
    onWorkOrderAnswered,
    onRequestAccepted,
    onRequestClosedAtIntake,
    onRequestTerminated,
    onRequestDispatched,
    onWorkOrderCreated,
    onWorkOrderSigned,
    onWorkOrderReopened,
    onWorkOrderCancelled,
    onChannelConfigured,
  ],
  timers: [revisitWindowTimer, retentionDailyTimer, retentionBatchTimer, followUpDueTimer],
};
