import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { keepIfNewer } from './known-taxonomy.repository';

/**
 * TaxonomyPublished → remember the tenant's latest taxonomy codes, so a catalog publication can
 * warn about codes the taxonomy lacks and the catalog view can mark entries it orphaned.
 */
export const onTaxonomyPublished = onEvent(Events.intake.taxonomyPublished, 'taxonomy', async (event, manager) => {
  const { version, categories } = event.payload;
  // Thrown, not ignored: after the retries the message lands in dead_letters for a human.
  if (!(version > 0)) throw new Error(`TaxonomyPublished carries no version (got ${version})`);
  await keepIfNewer(manager, event.tenantId, version, categories.map((c) => c.code).filter((code) => code !== ''));
});
