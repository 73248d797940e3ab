import { CatalogEntry, FieldIssue, inTaxonomy, KnownTaxonomy } from '@hotline/dispatch-domain';
import { CatalogVersionEntity } from './catalog.entities';

export interface CatalogEntryView extends CatalogEntry {
  /** Whether the tenant's latest known taxonomy has the code; null when none has reached dispatch. */
  inTaxonomy: boolean | null;
}

export interface CatalogView {
  version: number;
  publishedAt: string;
  publishedBy: string;
  /** The taxonomy version the entries' `inTaxonomy` marks refer to; null when none is known. */
  taxonomyVersion: number | null;
  entries: CatalogEntryView[];
}

/** A publication's answer: the version, and warnings that refused nothing (unknown category codes). */
export interface PublishedCatalogView extends CatalogView {
  warnings: FieldIssue[];
}

export function toCatalogView(
  version: Pick<CatalogVersionEntity, 'version' | 'publishedAt' | 'publishedBy'>,
  entries: readonly CatalogEntry[],
  taxonomy: KnownTaxonomy | undefined,
): CatalogView {
  return {
    version: version.version,
    publishedAt: version.publishedAt.toISOString(),
    publishedBy: version.publishedBy,
    taxonomyVersion: taxonomy?.version ?? null,
    entries: entries.map((e) => ({
      categoryCode: e.categoryCode,
      areaCode: e.areaCode,
      primaryUnitId: e.primaryUnitId,
      assistingUnitIds: e.assistingUnitIds,
      territorial: e.territorial ?? false,
      firstResponsible: e.firstResponsible ?? false,
      inTaxonomy: inTaxonomy(e.categoryCode, taxonomy),
    })),
  };
}
