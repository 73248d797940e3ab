import { intakeEventsV1 } from '@hotline/contracts';
import type { CategoryEntity } from './category.entity';
import type { PublishTaxonomy } from './categories.schemas';

export function toCategoryView(c: CategoryEntity) {
  return { code: c.code, name: c.name, parentCode: c.parentCode ?? undefined, level: c.level };
}

export function toTaxonomyCategoryMessage(c: PublishTaxonomy['categories'][number]): intakeEventsV1.TaxonomyCategory {
  return { code: c.code, name: c.name, parentCode: c.parentCode ?? '', level: c.level };
}
