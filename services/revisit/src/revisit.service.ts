import { consumersOf } from '@hotline/contracts';
import { EventHandler, ServiceDefinition } from '@hotline/platform';
import { ArchiveController } from './archive/archive.controller';
import { entities, migrations } from './persistence/schema';
import { PoliciesController } from './policies/policies.controller';
import { revisitGrpc } from './policies/policies.grpc';
import { ReviewsController } from './reviews/reviews.controller';
import { onWorkOrderAnswered } from './reviews/work-order-answered.consumer';
import { RevisitsController } from './revisits/revisits.controller';

/** Handlers by durable name (contracts' consumersOf); startService refuses to start if one is missing. */
const HANDLERS: Record<string, EventHandler> = {
  'revisit--hl-handling-v1--work-order-answered': onWorkOrderAnswered,
};

/** revisit: answer review (复核), revisit (回访), closure (办结) and the hash-chained archive (归档). */
export const revisitService: ServiceDefinition = {
  name: 'revisit',
  description:
    "Revisit (复核、回访、办结、归档): answer review, revisit and evaluation, closure, and the tamper-evident archive.",
  entities,
  migrations,
  controllers: [PoliciesController, ReviewsController, RevisitsController, ArchiveController],
  grpc: (ctx) => [revisitGrpc(ctx)],
  consumers: (ctx) =>
    Object.fromEntries(
      consumersOf(ctx.bus.namespace, 'revisit').flatMap((spec) => {
        const handler = HANDLERS[spec.durable];
        return handler ? [[spec.durable, handler]] : [];
      }),
    ),
};
