import { EntityManager } from 'typeorm';
import type { CatalogEntry } from '@hotline/dispatch-domain';
import { CatalogEntryEntity, CatalogVersionEntity } from './catalog.entities';

// Row-level security scopes every query here to the transaction's tenant.

const INSERT_CHUNK = 500;

/** Inserts the entries as the tenant's next version; concurrent publications get consecutive ones. */
export async function insertCatalogVersion(
  manager: EntityManager,
  tenantId: string,
  publishedBy: string,
  entries: readonly CatalogEntry[],
): Promise<CatalogVersionEntity> {
  await manager.query(`select pg_advisory_xact_lock(hashtext('dispatch-catalog:' || $1))`, [tenantId]);
  const [{ next }] = await manager.query(`select coalesce(max(version), 0) + 1 as next from catalog_versions`);
  const versions = manager.getRepository(CatalogVersionEntity);
  const version = versions.create({ tenantId, version: Number(next), publishedAt: new Date(), publishedBy });
  await versions.insert(version);
  const rows = entries.map((e, position) => ({
    tenantId,
    version: version.version,
    position,
    categoryCode: e.categoryCode,
    areaCode: e.areaCode,
    primaryUnitId: e.primaryUnitId,
    assistingUnitIds: [...e.assistingUnitIds],
    territorial: e.territorial ?? false,
    firstResponsible: e.firstResponsible ?? false,
  }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await manager.getRepository(CatalogEntryEntity).insert(rows.slice(i, i + INSERT_CHUNK));
  return version;
}

/** A published version; the newest when `version` is omitted. */
export function findCatalogVersion(manager: EntityManager, version?: number): Promise<CatalogVersionEntity | null> {
  return manager.getRepository(CatalogVersionEntity).findOne({
    where: version === undefined ? {} : { version },
    order: { version: 'DESC' },
  });
}

export function entriesOf(manager: EntityManager, version: number): Promise<CatalogEntryEntity[]> {
  return manager.getRepository(CatalogEntryEntity).find({ where: { version }, order: { position: 'ASC' } });
}

export async function latestCatalogVersion(manager: EntityManager): Promise<number | undefined> {
  const [latest] = await manager.query(`select max(version) as version from catalog_versions`);
  return latest?.version == null ? undefined : Number(latest.version);
}

/** The version's entries for any of these categories, in published order. */
export async function entriesForCategories(manager: EntityManager, version: number, categoryCodes: readonly string[]): Promise<CatalogEntry[]> {
  if (categoryCodes.length === 0) return [];
  const rows: Array<{ category_code: string; area_code: string; primary_unit_id: string; assisting_unit_ids: string[]; territorial: boolean; first_responsible: boolean }> =
    await manager.query(
      `select category_code, area_code, primary_unit_id, assisting_unit_ids, territorial, first_responsible from catalog_entries
        where version = $1 and category_code = any($2::text[]) order by position`,
      [version, categoryCodes],
    );
  return rows.map((r) => ({
    categoryCode: r.category_code,
    areaCode: r.area_code,
    primaryUnitId: r.primary_unit_id,
    assistingUnitIds: r.assisting_unit_ids,
    territorial: r.territorial,
    firstResponsible: r.first_responsible,
  }));
}
