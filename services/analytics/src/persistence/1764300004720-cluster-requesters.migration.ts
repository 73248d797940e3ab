import { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a requester is already in a cluster is one index probe (clusters are counted incrementally, issue 18). */
export class ClusterRequesters1764300004720 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index cluster_members_requester on cluster_members (tenant_id, cluster_id, requester_key) where requester_key is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index cluster_members_requester`);
  }
}
