import { EntityManager } from 'typeorm';
import { ProblemError } from '@hotline/platform';
import type { ListCategories } from './categories.schemas';
import { toCategoryView } from './categories.views';
import { findCategories, latestTaxonomyVersion, taxonomyVersionExists } from './taxonomy.repository';

/** One version of the taxonomy (the latest by default; version 0 and no items before the first). */
export async function listCategories(manager: EntityManager, query: ListCategories) {
  const version = query.version ?? (await latestTaxonomyVersion(manager));
  if (query.version !== undefined && !(await taxonomyVersionExists(manager, query.version)))
    throw ProblemError.notFound(`taxonomy version ${query.version}`);
  const [rows, total] = await findCategories(manager, version, query);
  return { version, items: rows.map(toCategoryView), total, limit: query.limit, offset: query.offset };
}
