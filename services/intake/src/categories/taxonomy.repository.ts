import { EntityManager } from 'typeorm';
import { CategoryEntity } from './category.entity';
import type { ListCategories, PublishTaxonomy } from './categories.schemas';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

/** The latest published version, 0 when the tenant has published none. */
export async function latestTaxonomyVersion(manager: EntityManager): Promise<number> {
  const [row] = await manager.query(`select coalesce(max(version), 0)::int as version from taxonomy_versions`);
  return Number(row.version);
}

export async function taxonomyVersionExists(manager: EntityManager, version: number): Promise<boolean> {
  const rows = await manager.query(`select 1 from taxonomy_versions where version = $1`, [version]);
  return rows.length > 0;
}

/** Serialises the tenant's publications, so two at once cannot both become version N+1. */
export async function lockTaxonomy(manager: EntityManager, tenantId: string): Promise<void> {
  await manager.query(`select pg_advisory_xact_lock(hashtextextended('intake.taxonomy:' || $1, 0))`, [tenantId]);
}

export async function categoryCodesOf(manager: EntityManager, version: number): Promise<string[]> {
  const rows: Array<{ code: string }> = await manager.query(`select code from categories where version = $1`, [version]);
  return rows.map((r) => r.code);
}

export async function insertTaxonomyVersion(
  manager: EntityManager,
  tenantId: string,
  version: number,
  taxonomy: PublishTaxonomy,
  published: { at: Date; by: string },
): Promise<void> {
  await manager.query(
    `insert into taxonomy_versions (tenant_id, version, published_at, published_by, category_count) values ($1, $2, $3, $4, $5)`,
    [tenantId, version, published.at, published.by, taxonomy.categories.length],
  );
  if (taxonomy.categories.length === 0) return;
  await manager.query(
    `insert into categories (tenant_id, version, code, name, parent_code, level)
     select $1, $2, * from unnest($3::text[], $4::text[], $5::text[], $6::smallint[])`,
    [
      tenantId,
      version,
      taxonomy.categories.map((c) => c.code),
      taxonomy.categories.map((c) => c.name),
      taxonomy.categories.map((c) => c.parentCode ?? null),
      taxonomy.categories.map((c) => c.level),
    ],
  );
}

/** How many requests are classified under each of these codes (in any version). */
export async function requestCountsByCategory(manager: EntityManager, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows: Array<{ code: string; n: number }> = await manager.query(
    `select category_code as code, count(*)::int as n from requests where category_code = any($1::text[]) group by category_code`,
    [codes],
  );
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
}

/** The codes from level 1 down to `code` in that version's tree; empty when the version lacks it. */
export async function categoryPath(manager: EntityManager, version: number, code: string): Promise<string[]> {
  const rows: Array<{ code: string }> = await manager.query(
    `with recursive path (code, parent_code, level) as (
       select code, parent_code, level from categories where version = $1 and code = $2
       union all
       select c.code, c.parent_code, c.level from categories c join path p on c.code = p.parent_code where c.version = $1
     )
     select code from path order by level`,
    [version, code],
  );
  return rows.map((r) => r.code);
}

/**
 * The latest taxonomy version and the code's path from level 1 in it (empty: no such code), in
 * one round trip: what latestTaxonomyVersion and categoryPath answer one after the other, for
 * the registration hot path (issue 18).
 */
export async function latestCategoryPath(manager: EntityManager, code: string): Promise<{ version: number; path: string[] }> {
  const [row]: Array<{ version: number; path: string[] | null }> = await manager.query(
    `with recursive latest as (
       select coalesce(max(version), 0)::int as version from taxonomy_versions
     ), path (code, parent_code, level) as (
       select c.code, c.parent_code, c.level from categories c join latest l on c.version = l.version where c.code = $1
       union all
       select c.code, c.parent_code, c.level from categories c join path p on c.code = p.parent_code join latest l on c.version = l.version
     )
     select l.version, (select array_agg(code order by level) from path) as path from latest l`,
    [code],
  );
  return { version: Number(row?.version ?? 0), path: row?.path ?? [] };
}

export async function findCategories(manager: EntityManager, version: number, query: ListCategories) {
  return manager.getRepository(CategoryEntity).findAndCount({
    where: {
      version,
      ...(query.level === undefined ? {} : { level: query.level }),
      ...(query.parent === undefined ? {} : { parentCode: query.parent }),
    },
    order: { code: 'ASC' },
    take: query.limit,
    skip: query.offset,
  });
}
