import { EntityManager } from 'typeorm';
import { catalogUnitIssues, referencedUnitIds, taxonomyWarnings } from '@hotline/dispatch-domain';
import { ProblemError } from '@hotline/platform';
import { latestKnownTaxonomy } from '../taxonomy/known-taxonomy.repository';
import { choiceFields, refuseInactiveUnits } from '../units/unit-activity';
import { unitDirectory } from '../units/units.query';
import { insertCatalogVersion } from './catalog.repository';
import { PublishCatalog } from './catalog.schemas';
import { PublishedCatalogView, toCatalogView } from './catalog.views';

/**
 * Publishes the entries as the tenant's next catalog version (versions are immutable; the
 * newest is in force). Every unit must be in the tenant's directory and cover the area of its
 * entry, and take new work (not deactivated: 409); category codes the latest known taxonomy lacks
 * are answered as warnings.
 */
export async function publishCatalog(
  manager: EntityManager,
  tenantId: string,
  publishedBy: string,
  input: PublishCatalog,
): Promise<PublishedCatalogView> {
  const directory = await unitDirectory(manager, referencedUnitIds(input.entries));
  const issues = catalogUnitIssues(input.entries, directory);
  if (issues.length > 0) throw ProblemError.validation(issues);
  // A version naming a deactivated unit would send it new work.
  await refuseInactiveUnits(manager, input.entries.flatMap((e, i) => choiceFields(e, `entries.${i}.`)));
  const taxonomy = await latestKnownTaxonomy(manager);
  const version = await insertCatalogVersion(manager, tenantId, publishedBy, input.entries);
  return { ...toCatalogView(version, input.entries, taxonomy), warnings: taxonomyWarnings(input.entries, taxonomy) };
}
