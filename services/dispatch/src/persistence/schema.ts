import { PlatformSchema1764300000000 } from '@hotline/platform';
import { UnitEntity } from '../units/unit.entity';
import { HandlingUnits1764300000200 } from './1764300000200-handling-units.migration';

export const entities = [UnitEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [PlatformSchema1764300000000, HandlingUnits1764300000200];
