import { EntityManager } from 'typeorm';
import { latestCatalogVersion } from '../catalog/catalog.repository';

/** The area-bound entries of the catalog in force that name the unit, as primary or assisting (RLS: the tenant's). */
export async function catalogAreasOfUnit(manager: EntityManager, unitId: string): Promise<{ version: number; entries: Array<{ categoryCode: string; areaCode: string }> }> {
  const version = await latestCatalogVersion(manager);
  if (version === undefined) return { version: 0, entries: [] };
  const entries: Array<{ categoryCode: string; areaCode: string }> = await manager.query(
    `select category_code as "categoryCode", area_code as "areaCode" from catalog_entries
      where version = $1 and area_code <> '*' and (primary_unit_id = $2 or $2 = any(assisting_unit_ids))
      order by position`,
    [version, unitId],
  );
  return { version, entries };
}
