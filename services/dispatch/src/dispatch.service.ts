import { ServiceDefinition } from '@hotline/platform';
import { CatalogController } from './catalog/catalog.controller';
import { DispatchQueueController } from './dispatching/dispatch-queue.controller';
import { DispatchesController } from './dispatching/dispatches.controller';
import { onRequestClosed } from './dispatching/on-request-closed.handler';
import { onRequestAccepted } from './dispatching/on-request-accepted.handler';
import { EscalationsController } from './escalation/escalations.controller';
import { entities, migrations } from './persistence/schema';
import { onRequestAnonymised } from './retention/on-request-anonymised.handler';
import { negotiationDueTimer } from './negotiation/negotiation.timer';
import { NegotiationsController } from './negotiation/negotiations.controller';
import { queueClockTimers } from './queue-clock/queue-clock.timers';
import { QueuePolicyController } from './queue-clock/queue-policy.controller';
import { ReturnsController } from './returns/returns.controller';
import { onTaxonomyPublished } from './taxonomy/on-taxonomy-published.handler';
import { UnitsController } from './units/units.controller';
import { dispatchGrpc } from './units/units.grpc';

/** dispatch: the handling-unit directory, the 派单目录 catalog, automatic and manual dispatch. */
export const dispatchService: ServiceDefinition = {
  name: 'dispatch',
  description:
    'Dispatch (派单): the handling-unit directory, the versioned dispatch catalog, automatic dispatch, the manual-dispatch queue, ' +
    'returns (退单) with dispute review (争议审核), re-dispatch (改派), designation (指定办理), negotiation (协商) of the lead unit and escalation (提级统筹) up the unit tree; the manual queue on the tenant\'s dispatch limit.',
  entities,
  migrations,
  controllers: [UnitsController, CatalogController, DispatchQueueController, DispatchesController, ReturnsController, QueuePolicyController, EscalationsController, NegotiationsController],
  // A full catalog (5000 entries with assisting units) is larger than the default body limit.
  bodyLimits: { 'PUT /v1/catalog': 4 * 1024 * 1024 },
  grpc: (ctx) => [dispatchGrpc(ctx)],
  // Durable consumers: dispatch--hl-intake-v1--request-accepted (RequestAccepted only, as
  // deployed before), dispatch--hl-intake-v1--taxonomy (TaxonomyPublished only) and
  // dispatch--hl-intake-v1--request-status-changed (a final status takes a request out of the queue),
  // dispatch--hl-revisit-v1--retention (RequestAnonymised: identity and free text removed).
  handlers: [onRequestAccepted, onTaxonomyPublished, onRequestClosed, onRequestAnonymised],
  // The manual queue on a clock: a waiting request raises its warning, then its breach.
  // A negotiation (协商) lapses at its deadline.
  timers: [...queueClockTimers, negotiationDueTimer],
};
