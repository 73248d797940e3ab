import { EntityManager } from 'typeorm';
import { coveringAreaCodes, UnitCard } from '@hotline/dispatch-domain';
import { UnitEntity } from './unit.entity';
import { findUnits, unitsById } from './units.repository';
import { toUnitCard } from './units.views';

/**
 * The tenant's units, or those whose jurisdiction covers `area` by the administrative-division
 * hierarchy: a district unit covers its streets and communities, a city unit its districts.
 */
export function listUnits(manager: EntityManager, area?: string): Promise<UnitEntity[]> {
  return findUnits(manager, area === undefined ? undefined : coveringAreaCodes(area));
}

/** The tenant's units among `ids`, by id; ids of no unit (or of another tenant's) are absent. */
export async function unitDirectory(manager: EntityManager, ids: readonly string[]): Promise<Map<string, UnitCard>> {
  return new Map((await unitsById(manager, ids)).map((u) => [u.id, toUnitCard(u)]));
}
