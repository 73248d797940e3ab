import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants, tenantIsolationSql } from '@hotline/platform';

/**
 * Revisit as the tenant configures it (issue 13): a sampling rule may name a channel kind beside
 * the request type ('*': every channel, what every existing rule becomes), lists the revisit
 * methods the hotline uses under it (all three, as before) and says what becomes of anonymous
 * requests ('skip', as before). revisit learns each channel code's kind from intake's
 * ChannelConfigured. The lists are written out as the vocabulary has them today: an applied
 * migration never changes.
 */
export class SamplingByChannel1764300005400 implements MigrationInterface {
  name = 'SamplingByChannel1764300005400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table sampling_policies
        add column channel_kind text not null default '*'
          check (channel_kind in ('*', 'phone', 'web', 'mobile-app', 'wechat', 'sms', 'email', 'linkage')),
        add column methods text[] not null default '{phone,sms,online}'
          check (cardinality(methods) >= 1 and methods <@ array['phone', 'sms', 'online']::text[]),
        add column anonymous text not null default 'skip' check (anonymous in ('skip', 'hotline-check'))`);
    await q.query(`alter table sampling_policies drop constraint sampling_policies_pkey`);
    await q.query(`alter table sampling_policies add primary key (tenant_id, request_type, channel_kind)`);
    await q.query(`
      create table channel_kinds (
        tenant_id text not null,
        code text not null,
        kind text not null check (kind in ('phone', 'web', 'mobile-app', 'wechat', 'sms', 'email', 'linkage')),
        configured_at timestamptz not null,
        primary key (tenant_id, code)
      )`);
    for (const sql of tenantIsolationSql('channel_kinds')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table channel_kinds`);
    // Rules for one channel kind have no place under the earlier key: they go.
    await acrossTenants(q, ['sampling_policies'], () => q.query(`delete from sampling_policies where channel_kind <> '*'`));
    await q.query(`alter table sampling_policies drop constraint sampling_policies_pkey`);
    await q.query(`alter table sampling_policies add primary key (tenant_id, request_type)`);
    await q.query(`alter table sampling_policies drop column anonymous, drop column methods, drop column channel_kind`);
  }
}
