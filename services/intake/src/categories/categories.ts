import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { MAX_TAXONOMY_LEVEL, taxonomyIssues } from '@hotline/intake-domain';
import { ProblemError } from '@hotline/platform';
import { CategoryEntity } from './category.entity';

const categoryCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, dot, dash, underscore; at most 40');

export const ReplaceCategoriesBody = z
  .object({
    categories: z
      .array(
        z
          .object({
            code: categoryCode,
            name: z.string().trim().min(1).max(100),
            parentCode: categoryCode.optional(),
            level: z.number().int().min(1).max(MAX_TAXONOMY_LEVEL),
          })
          .strict(),
      )
      .max(3000),
  })
  .strict();
export type ReplaceCategories = z.infer<typeof ReplaceCategoriesBody>;

export const ListCategoriesQuery = z.object({
  level: z.coerce.number().int().min(1).max(MAX_TAXONOMY_LEVEL).optional(),
  parent: categoryCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListCategories = z.infer<typeof ListCategoriesQuery>;

export function toCategoryView(c: CategoryEntity) {
  return { code: c.code, name: c.name, parentCode: c.parentCode ?? undefined, level: c.level };
}

/** Replaces the tenant's whole taxonomy in the caller's transaction (RLS scopes the delete). */
export async function replaceCategories(manager: EntityManager, tenantId: string, input: ReplaceCategories): Promise<number> {
  const issues = taxonomyIssues(input.categories);
  if (issues.length > 0) throw ProblemError.validation(issues);
  await manager.query(`delete from categories`);
  if (input.categories.length === 0) return 0;
  await manager.query(
    `insert into categories (tenant_id, code, name, parent_code, level)
     select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::smallint[])`,
    [
      tenantId,
      input.categories.map((c) => c.code),
      input.categories.map((c) => c.name),
      input.categories.map((c) => c.parentCode ?? null),
      input.categories.map((c) => c.level),
    ],
  );
  return input.categories.length;
}

export async function listCategories(manager: EntityManager, query: ListCategories) {
  const where = {
    ...(query.level === undefined ? {} : { level: query.level }),
    ...(query.parent === undefined ? {} : { parentCode: query.parent }),
  };
  const [rows, total] = await manager.getRepository(CategoryEntity).findAndCount({
    where,
    order: { code: 'ASC' },
    take: query.limit,
    skip: query.offset,
  });
  return { items: rows.map(toCategoryView), total, limit: query.limit, offset: query.offset };
}

export function categoryExists(manager: EntityManager, code: string): Promise<boolean> {
  return manager.getRepository(CategoryEntity).exists({ where: { code } });
}
