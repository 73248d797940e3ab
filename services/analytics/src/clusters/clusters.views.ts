import type { ClusterRecord } from './clusters.query';

export function toClusterView(c: ClusterRecord) {
  return {
    clusterId: c.clusterId,
    categoryCode: c.categoryCode,
    areaCode: c.areaCode,
    requests: c.requests,
    requesters: c.requesters,
    firstAt: c.firstAt.toISOString(),
    lastAt: c.lastAt.toISOString(),
    likes: c.likes,
    heat: c.heat,
    links: { self: `/v1/clusters/${c.clusterId}` },
  };
}

/**
 * A cluster with its requests (the first 500). The 并单 step is intake's: its duplicate
 * candidates of the earliest request are linked; merging is done there.
 */
export function toClusterDetailView(c: ClusterRecord, members: Array<{ requestId: string; receivedAt: Date }>) {
  const first = members[0]?.requestId;
  return {
    ...toClusterView(c),
    members: members.map((x) => ({ requestId: x.requestId, receivedAt: x.receivedAt.toISOString() })),
    links: {
      self: `/v1/clusters/${c.clusterId}`,
      ...(first ? { mergeCandidates: `intake:/v1/requests/${first}/duplicate-candidates` } : {}),
    },
  };
}
