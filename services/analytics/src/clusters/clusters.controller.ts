import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, CurrentIdentity, Identity, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { findCluster, listClusters } from './clusters.query';
import { ClusterIdParams, ListClustersQuery } from './clusters.schemas';
import { toClusterDetailView, toClusterView } from './clusters.views';

const HEAT =
  'Requests about the same matter: MinHash similarity of title and content (character bigrams, estimated Jaccard ≥ 0.3) ' +
  'within one area and 30 days. heat = requesters × (1 + ln requests) × (1 + ln(1 + span days)) + ln(1 + likes); ' +
  'requesters are distinct masked identities (an anonymous request counts as its own).';

@ApiTags('early-warning')
@ApiBearerAuth()
@Controller('v1/clusters')
export class ClustersController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiOperation({ summary: 'Clusters of similar requests, hottest first', description: HEAT })
  @ApiZodQuery(ListClustersQuery)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(ListClustersQuery, query, 'query');
    return { items: (await listClusters(this.db, who.tenantId, q)).map(toClusterView) };
  }

  @Get(':clusterId')
  @ApiOperation({ summary: 'One cluster with its requests and the link to 并单', description: HEAT })
  @Roles('supervisor', 'tenant-admin')
  async get(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { clusterId } = validate(ClusterIdParams, params, 'path');
    const found = await findCluster(this.db, who.tenantId, clusterId);
    if (!found) throw ProblemError.notFound('cluster');
    return toClusterDetailView(found.cluster, found.members);
  }
}
