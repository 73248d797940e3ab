import { TenantDb } from '@hotline/platform';
import type { ListClustersQuery } from './clusters.schemas';

export interface ClusterRecord {
  clusterId: string;
  categoryCode: string | null;
  areaCode: string;
  requests: number;
  requesters: number;
  firstAt: Date;
  lastAt: Date;
  likes: number;
  heat: number;
}

interface ClusterRow {
  cluster_id: string;
  category_code: string | null;
  area_code: string;
  requests: number;
  requesters: number;
  first_at: Date;
  last_at: Date;
  likes: number;
  heat: number;
}

const COLUMNS = 'cluster_id, category_code, area_code, requests, requesters, first_at, last_at, likes, heat';

const toRecord = (r: ClusterRow): ClusterRecord => ({
  clusterId: r.cluster_id, categoryCode: r.category_code, areaCode: r.area_code, requests: Number(r.requests), requesters: Number(r.requesters),
  firstAt: new Date(r.first_at), lastAt: new Date(r.last_at), likes: Number(r.likes), heat: Number(r.heat),
});

/** Hottest first (heat, then the newest), read from the rollup the consumer keeps. */
export async function listClusters(db: TenantDb, tenantId: string, q: ListClustersQuery): Promise<ClusterRecord[]> {
  const rows: ClusterRow[] = await db.read(tenantId, (m) =>
    m.query(
      `select ${COLUMNS} from request_clusters where tenant_id = $1 and requests >= $2 order by heat desc, last_at desc, cluster_id limit $3 offset $4`,
      [tenantId, q.minRequests, q.limit, q.offset],
    ),
  );
  return rows.map(toRecord);
}

export async function findCluster(db: TenantDb, tenantId: string, clusterId: string): Promise<{ cluster: ClusterRecord; members: Array<{ requestId: string; receivedAt: Date }> } | undefined> {
  return db.read(tenantId, async (m) => {
    const [row]: ClusterRow[] = await m.query(`select ${COLUMNS} from request_clusters where tenant_id = $1 and cluster_id = $2`, [tenantId, clusterId]);
    if (!row) return undefined;
    const members: Array<{ request_id: string; received_at: Date }> = await m.query(
      `select request_id, received_at from cluster_members where tenant_id = $1 and cluster_id = $2 order by received_at, request_id limit 500`,
      [tenantId, clusterId],
    );
    return { cluster: toRecord(row), members: members.map((x) => ({ requestId: x.request_id, receivedAt: new Date(x.received_at) })) };
  });
}
