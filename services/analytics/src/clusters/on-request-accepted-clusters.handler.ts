import { createHash } from 'node:crypto';
import { DEFAULT_CLUSTER_SETTINGS, minHashSignature } from '@hotline/analytics-domain';
import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { requestAttributesOf } from '../lifecycle/lifecycle.mappings';
import { clusterRequest } from './clusters.repository';

/** Who asked, as far as analytics may know: a hash of the masked name and phone (none for anonymous requests). */
function requesterKeyOf(name: string | undefined, phone: string | undefined): string | null {
  if (!name && !phone) return null;
  return createHash('sha256').update(`${name ?? ''}\u0000${phone ?? ''}`).digest('hex').slice(0, 32);
}

/**
 * Clusters each accepted request with the similar recent ones of its area, in its own durable
 * consumer (`analytics--hl-intake-v1--clusters`). The text is read here to compute the signature
 * and is not kept.
 */
export const onRequestAcceptedClusters = onEvent(Events.intake.requestAccepted, 'clusters', async (event, manager) => {
  const brief = event.payload.request;
  const a = requestAttributesOf(brief);
  const signature = minHashSignature(`${brief?.title ?? ''}\n${brief?.content ?? ''}`);
  if (!signature || !a.areaCode) return;
  await clusterRequest(manager, event.tenantId, {
    requestId: a.requestId,
    categoryCode: a.categoryCode,
    areaCode: a.areaCode,
    receivedAt: a.receivedAt ?? event.publishedAt,
    requesterKey: requesterKeyOf(brief?.requesterMaskedName, brief?.requesterMaskedPhone),
    signature,
  }, DEFAULT_CLUSTER_SETTINGS);
});
