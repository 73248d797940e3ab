import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Clusters of similar requests: each member's MinHash signature and band keys (never its text),
 * and per cluster the figures its heat index is computed from, kept by the consumer.
 */
export class RequestClusters1764300004710 implements MigrationInterface {
  name = 'RequestClusters1764300004710';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table request_clusters (
        tenant_id text not null,
        cluster_id text primary key,
        category_code text,
        area_code text not null,
        requests integer not null,
        requesters integer not null,
        first_at timestamptz not null,
        last_at timestamptz not null,
        likes integer not null default 0,
        heat double precision not null
      )`);
    await q.query(`create index request_clusters_heat on request_clusters (tenant_id, heat desc)`);
    await q.query(`
      create table cluster_members (
        tenant_id text not null,
        request_id text not null,
        cluster_id text not null,
        requester_key text,
        received_at timestamptz not null,
        signature bigint[] not null,
        primary key (tenant_id, request_id)
      )`);
    await q.query(`create index cluster_members_cluster on cluster_members (tenant_id, cluster_id, received_at)`);
    await q.query(`
      create table cluster_bands (
        tenant_id text not null,
        band_key text not null,
        area_code text not null,
        request_id text not null,
        received_at timestamptz not null,
        primary key (tenant_id, area_code, band_key, request_id)
      )`);
    await q.query(`create index cluster_bands_recent on cluster_bands (tenant_id, area_code, band_key, received_at)`);
    for (const table of ['request_clusters', 'cluster_members', 'cluster_bands'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['cluster_bands', 'cluster_members', 'request_clusters']) await q.query(`drop table ${table}`);
  }
}
