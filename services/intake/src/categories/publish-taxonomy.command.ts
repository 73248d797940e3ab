import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { retiredCodes, taxonomyIssues } from '@hotline/intake-domain';
import { Outbox, ProblemError } from '@hotline/platform';
import type { PublishTaxonomy } from './categories.schemas';
import { toTaxonomyCategoryMessage } from './categories.views';
import {
  categoryCodesOf,
  insertTaxonomyVersion,
  latestTaxonomyVersion,
  lockTaxonomy,
  requestCountsByCategory,
} from './taxonomy.repository';

export interface PublishedTaxonomy {
  version: number;
  count: number;
  /** Codes of the previous version this one dropped, with how many requests use each. */
  retiredCodes: Array<{ code: string; requests: number }>;
}

/**
 * Publishes the tenant's taxonomy as version N+1 (earlier versions stay, unchanged, for the
 * requests and catalog entries classified under them) and announces it (TaxonomyPublished).
 */
export async function publishTaxonomy(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  taxonomy: PublishTaxonomy,
  publishedBy: string,
  now: Date = new Date(),
): Promise<PublishedTaxonomy> {
  const issues = taxonomyIssues(taxonomy.categories);
  if (issues.length > 0) throw ProblemError.validation(issues);
  await lockTaxonomy(manager, tenantId);
  const previous = await latestTaxonomyVersion(manager);
  const retired = retiredCodes(previous === 0 ? [] : await categoryCodesOf(manager, previous), taxonomy.categories);
  const version = previous + 1;
  await insertTaxonomyVersion(manager, tenantId, version, taxonomy, { at: now, by: publishedBy });
  await outbox.append(manager, {
    event: Events.intake.taxonomyPublished,
    tenantId,
    aggregateType: 'taxonomy',
    aggregateId: tenantId,
    payload: {
      version,
      categories: taxonomy.categories.map(toTaxonomyCategoryMessage),
      retiredCodes: retired,
      publishedAt: now.toISOString(),
      publishedBy,
    },
  });
  const uses = await requestCountsByCategory(manager, retired);
  return {
    version,
    count: taxonomy.categories.length,
    retiredCodes: retired.map((code) => ({ code, requests: uses.get(code) ?? 0 })),
  };
}
