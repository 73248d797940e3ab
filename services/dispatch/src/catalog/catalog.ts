import { EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  ANY_AREA,
  CatalogEntry,
  catalogIssues,
  CatalogInForce,
  CATEGORY_PREFIX_PATTERN,
  MAX_ASSISTING_UNITS,
  MAX_CATALOG_ENTRIES,
  referencedUnitIds,
  RequestPlace,
  unknownUnitIssues,
} from '@hotline/dispatch-domain';
import { ProblemError } from '@hotline/platform';
import { unitCardsById } from '../units/units';
import { CatalogEntryEntity, CatalogVersionEntity } from './catalog.entities';

const UnitId = z.string().uuid();

export const CatalogEntryBody = z
  .object({
    categoryPrefix: z.string().regex(CATEGORY_PREFIX_PATTERN, 'a category code or a prefix of one: 2, 4 or 6 digits'),
    areaCode: z.string().regex(/^(\*|[0-9A-Za-z-]{1,20})$/, `"${ANY_AREA}" or an area code of 1 to 20 letters, digits or dashes`),
    primaryUnitId: UnitId,
    assistingUnitIds: z.array(UnitId).max(MAX_ASSISTING_UNITS).default([]),
  })
  .strict();

export const PublishCatalogBody = z
  .object({ entries: z.array(CatalogEntryBody).min(1).max(MAX_CATALOG_ENTRIES) })
  .strict()
  .superRefine((body, ctx) => {
    for (const issue of catalogIssues(body.entries))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.field.split('.').map(pathSegment), message: issue.message });
  });
export type PublishCatalog = z.infer<typeof PublishCatalogBody>;

const pathSegment = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);

export interface CatalogView {
  version: number;
  publishedAt: string;
  publishedBy: string;
  entries: CatalogEntry[];
}

function toCatalogView(version: CatalogVersionEntity, entries: CatalogEntryEntity[]): CatalogView {
  return {
    version: version.version,
    publishedAt: version.publishedAt.toISOString(),
    publishedBy: version.publishedBy,
    entries: entries.map(toEntry),
  };
}

const toEntry = (e: CatalogEntryEntity): CatalogEntry => ({
  categoryPrefix: e.categoryPrefix,
  areaCode: e.areaCode,
  primaryUnitId: e.primaryUnitId,
  assistingUnitIds: e.assistingUnitIds,
});

const INSERT_CHUNK = 500;

/**
 * Publishes the entries as the tenant's next catalog version (versions are immutable; the
 * newest is in force). Every unit must be in the tenant's directory.
 */
export async function publishCatalog(
  manager: EntityManager,
  tenantId: string,
  publishedBy: string,
  input: PublishCatalog,
): Promise<CatalogView> {
  const known = await unitCardsById(manager, referencedUnitIds(input.entries));
  const unknown = unknownUnitIssues(input.entries, new Set(known.keys()));
  if (unknown.length > 0) throw ProblemError.validation(unknown);

  // Serialises publications per tenant, so two concurrent ones get consecutive versions.
  await manager.query(`select pg_advisory_xact_lock(hashtext('dispatch-catalog:' || $1))`, [tenantId]);
  const [{ next }] = await manager.query(`select coalesce(max(version), 0) + 1 as next from catalog_versions`);
  const versions = manager.getRepository(CatalogVersionEntity);
  const version = versions.create({ tenantId, version: Number(next), publishedAt: new Date(), publishedBy });
  await versions.insert(version);
  const rows = input.entries.map((e, position) => ({ tenantId, version: version.version, position, ...e }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await manager.getRepository(CatalogEntryEntity).insert(rows.slice(i, i + INSERT_CHUNK));
  return toCatalogView(version, rows as CatalogEntryEntity[]);
}

/** A published version with its entries; the newest when `version` is omitted. */
export async function findCatalog(manager: EntityManager, version?: number): Promise<CatalogView | undefined> {
  const found = await manager.getRepository(CatalogVersionEntity).findOne({
    where: version === undefined ? {} : { version },
    order: { version: 'DESC' },
  });
  if (!found) return undefined;
  const entries = await manager.getRepository(CatalogEntryEntity).find({
    where: { version: found.version },
    order: { position: 'ASC' },
  });
  return toCatalogView(found, entries);
}

/**
 * The catalog in force, narrowed to the entries that could place this request (the domain
 * matcher still chooses among them). Undefined when the tenant has published no catalog.
 */
export async function catalogCandidates(manager: EntityManager, place: RequestPlace): Promise<CatalogInForce<CatalogEntry> | undefined> {
  const [latest] = await manager.query(`select max(version) as version from catalog_versions`);
  if (latest?.version == null) return undefined;
  const rows: Array<{ category_prefix: string; area_code: string; primary_unit_id: string; assisting_unit_ids: string[] }> =
    await manager.query(
      `select category_prefix, area_code, primary_unit_id, assisting_unit_ids from catalog_entries
        where version = $1 and left($2, length(category_prefix)) = category_prefix and area_code in ($3, $4)`,
      [latest.version, place.categoryCode, place.areaCode, ANY_AREA],
    );
  return {
    version: Number(latest.version),
    entries: rows.map((r) => ({
      categoryPrefix: r.category_prefix,
      areaCode: r.area_code,
      primaryUnitId: r.primary_unit_id,
      assistingUnitIds: r.assisting_unit_ids,
    })),
  };
}
