import { FieldIssue } from './assignment';
import { CatalogEntry } from './catalog';

/** The tenant's latest content taxonomy as dispatch learnt it from intake's TaxonomyPublished. */
export interface KnownTaxonomy {
  version: number;
  codes: ReadonlySet<string>;
}

/** Whether the code is in the latest known taxonomy; null when no taxonomy has reached dispatch. */
export function inTaxonomy(categoryCode: string, taxonomy: KnownTaxonomy | undefined): boolean | null {
  return taxonomy ? taxonomy.codes.has(categoryCode) : null;
}

/**
 * Warnings, not refusals, for entries whose category the latest known taxonomy lacks: the
 * taxonomy may simply not have reached dispatch yet, and an entry of a retired code is harmless
 * (no new request carries it). The admin sees which entries a taxonomy change orphaned.
 */
export function taxonomyWarnings(entries: readonly Pick<CatalogEntry, 'categoryCode'>[], taxonomy: KnownTaxonomy | undefined): FieldIssue[] {
  if (!taxonomy)
    return [{ field: 'entries', message: 'no content taxonomy has reached dispatch yet: category codes were not checked' }];
  return entries.flatMap((entry, index) =>
    taxonomy.codes.has(entry.categoryCode)
      ? []
      : [{ field: `entries.${index}.categoryCode`, message: `category ${entry.categoryCode} is not in taxonomy version ${taxonomy.version}` }],
  );
}
