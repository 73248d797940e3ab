import { PlatformSchema1764300000000 } from '@hotline/platform';
import { CatalogEntryEntity, CatalogVersionEntity } from '../catalog/catalog.entities';
import { DispatchEntity, DispatchQueueEntity } from '../dispatching/dispatch.entities';
import { UnitEntity } from '../units/unit.entity';
import { HandlingUnits1764300000200 } from './1764300000200-handling-units.migration';
import { CatalogAndDispatches1764300000300 } from './1764300000300-catalog-and-dispatches.migration';

export const entities = [UnitEntity, CatalogVersionEntity, CatalogEntryEntity, DispatchEntity, DispatchQueueEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [PlatformSchema1764300000000, HandlingUnits1764300000200, CatalogAndDispatches1764300000300];
