import { EntityManager } from 'typeorm';
import { bandKeys, ClusterSettings, estimatedSimilarity, heatIndex } from '@hotline/analytics-domain';
import { uuidv7 } from '@hotline/platform';

/** Recent requests compared per band at most: a bound on the work of a request whose words are all common. */
const CANDIDATES_PER_BAND = 20;

export interface ClusteredRequest {
  requestId: string;
  categoryCode: string | null;
  areaCode: string;
  receivedAt: Date;
  /** A hash of the masked requester (name and phone as masked), or null when there is none. */
  requesterKey: string | null;
  signature: number[];
}

/**
 * Puts a request in the cluster of its most similar recent request of the same area (at least
 * minSimilarity), or starts one, and recomputes that cluster's figures and heat. A request
 * clustered before changes nothing (a replay).
 */
export async function clusterRequest(m: EntityManager, tenantId: string, r: ClusteredRequest, s: ClusterSettings): Promise<string | undefined> {
  const [known] = await m.query(`select 1 from cluster_members where tenant_id = $1 and request_id = $2`, [tenantId, r.requestId]);
  if (known) return undefined;
  const bands = bandKeys(r.signature);
  const since = new Date(r.receivedAt.getTime() - s.spanDays * 86_400_000);
  // The newest few per band: a band that common words make crowded cannot make one request slow.
  const candidates: Array<{ cluster_id: string; signature: string[] }> = await m.query(
    `select distinct m.request_id, m.cluster_id, m.signature
       from unnest($3::text[]) as k(band)
       cross join lateral (
         select b.request_id from cluster_bands b
          where b.tenant_id = $1 and b.area_code = $2 and b.band_key = k.band and b.received_at >= $4 and b.received_at <= $5
          order by b.received_at desc limit ${CANDIDATES_PER_BAND}) c
       join cluster_members m on m.tenant_id = $1 and m.request_id = c.request_id`,
    [tenantId, r.areaCode, bands, since, r.receivedAt],
  );
  let best: { clusterId: string; similarity: number } | undefined;
  for (const c of candidates) {
    const similarity = estimatedSimilarity(r.signature, c.signature.map(Number));
    if (similarity >= s.minSimilarity && (!best || similarity > best.similarity)) best = { clusterId: c.cluster_id, similarity };
  }
  const clusterId = best?.clusterId ?? uuidv7();
  await m.query(
    `insert into cluster_members (tenant_id, request_id, cluster_id, requester_key, received_at, signature) values ($1, $2, $3, $4, $5, $6)`,
    [tenantId, r.requestId, clusterId, r.requesterKey, r.receivedAt, r.signature],
  );
  await m.query(
    `insert into cluster_bands (tenant_id, band_key, area_code, request_id, received_at)
     select $1, band, $3, $4, $5 from unnest($2::text[]) as band on conflict do nothing`,
    [tenantId, bands, r.areaCode, r.requestId, r.receivedAt],
  );
  // The cluster's figures move by this one request (not recounted over all its members, which
  // made a storm of similar requests quadratic). Its row is locked first, so two requests of the
  // same requester arriving at once count them once.
  const [current]: Array<{ requests: number; requesters: number; first_at: Date; last_at: Date; likes: number }> = await m.query(
    `select requests, requesters, first_at, last_at, likes from request_clusters where tenant_id = $1 and cluster_id = $2 for update`,
    [tenantId, clusterId],
  );
  const [seen] = r.requesterKey
    ? await m.query(`select 1 from cluster_members where tenant_id = $1 and cluster_id = $2 and requester_key = $3 and request_id <> $4 limit 1`, [
        tenantId,
        clusterId,
        r.requesterKey,
        r.requestId,
      ])
    : [];
  const figures = {
    requests: (current?.requests ?? 0) + 1,
    requesters: (current?.requesters ?? 0) + (seen ? 0 : 1),
    firstAt: current && current.first_at < r.receivedAt ? current.first_at : r.receivedAt,
    lastAt: current && current.last_at > r.receivedAt ? current.last_at : r.receivedAt,
    likes: current?.likes ?? 0,
  };
  await m.query(
    `insert into request_clusters (tenant_id, cluster_id, category_code, area_code, requests, requesters, first_at, last_at, heat)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (cluster_id) do update set requests = excluded.requests, requesters = excluded.requesters,
       first_at = excluded.first_at, last_at = excluded.last_at, heat = excluded.heat`,
    [tenantId, clusterId, r.categoryCode, r.areaCode, figures.requests, figures.requesters, figures.firstAt, figures.lastAt, heatIndex(figures)],
  );
  return clusterId;
}
