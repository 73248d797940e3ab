import { PLATFORM_MIGRATIONS } from '@hotline/platform';
import { CatalogEntryEntity, CatalogVersionEntity } from '../catalog/catalog.entities';
import { DispatchEntity, DispatchQueueEntity } from '../dispatching/dispatch.entities';
import { KnownTaxonomyEntity } from '../taxonomy/known-taxonomy.entity';
import { UnitEntity } from '../units/unit.entity';
import { HandlingUnits1764300000200 } from './1764300000200-handling-units.migration';
import { CatalogAndDispatches1764300000300 } from './1764300000300-catalog-and-dispatches.migration';
import { CatalogCategoryCodes1764300001100 } from './1764300001100-catalog-category-codes.migration';
import { CatalogDispatchActor1764300001200 } from './1764300001200-catalog-dispatch-actor.migration';
import { KnownTaxonomies1764300001300 } from './1764300001300-known-taxonomies.migration';
import { MaskedBriefs1764300003100 } from './1764300003100-masked-briefs.migration';
import { Returns1764300004100 } from './1764300004100-returns.migration';
import { UnitLevels1764300004110 } from './1764300004110-unit-levels.migration';
import { QueueClock1764300004120 } from './1764300004120-queue-clock.migration';
import { Escalations1764300004130 } from './1764300004130-escalations.migration';
import { Negotiations1764300004140 } from './1764300004140-negotiations.migration';
import { FirstResponsibility1764300004150 } from './1764300004150-first-responsibility.migration';
import { ReturnSuggestedUnit1764300006000 } from './1764300006000-return-suggested-unit.migration';
import { EscalationsByTime1764300006010 } from './1764300006010-escalations-by-time.migration';
import { UnitActive1764300006400 } from './1764300006400-unit-active.migration';
import { NegotiationEntity, NegotiationResponseEntity } from '../negotiation/negotiation.entities';
import { EscalationEntity } from '../escalation/escalation.entity';
import { DispatchQueuePolicyEntity } from '../queue-clock/queue-policy.entity';
import { DispatchSettingsEntity, ReturnEntity } from '../returns/returns.entities';

export const entities = [UnitEntity, CatalogVersionEntity, CatalogEntryEntity, DispatchEntity, DispatchQueueEntity, KnownTaxonomyEntity, ReturnEntity, DispatchSettingsEntity, DispatchQueuePolicyEntity, EscalationEntity, NegotiationEntity, NegotiationResponseEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [
  ...PLATFORM_MIGRATIONS,
  HandlingUnits1764300000200,
  CatalogAndDispatches1764300000300,
  CatalogCategoryCodes1764300001100,
  CatalogDispatchActor1764300001200,
  KnownTaxonomies1764300001300,
  MaskedBriefs1764300003100,
  Returns1764300004100,
  UnitLevels1764300004110,
  QueueClock1764300004120,
  Escalations1764300004130,
  Negotiations1764300004140,
  FirstResponsibility1764300004150,
  ReturnSuggestedUnit1764300006000,
  EscalationsByTime1764300006010,
  UnitActive1764300006400,
];
