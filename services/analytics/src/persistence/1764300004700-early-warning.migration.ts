import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Early warning (热点激增 and 风险/舆情 alerts) and their webhook delivery. The volumes are
 * rollups kept by the consumer as requests arrive, so a check reads a few index ranges and
 * never scans the request facts. No free text is stored: codes, counts and request ids only.
 */
export class EarlyWarning1764300004700 implements MigrationInterface {
  name = 'EarlyWarning1764300004700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table warning_settings (
        tenant_id text primary key,
        hotspot jsonb,
        risk_patterns jsonb,
        updated_at timestamptz not null default now(),
        updated_by text not null
      )`);
    // The requests of the recent windows, by key: a window's count and the requests behind an alert.
    await q.query(`
      create table hotspot_requests (
        tenant_id text not null,
        request_id text not null,
        category_code text not null,
        area_code text not null,
        received_at timestamptz not null,
        primary key (tenant_id, request_id)
      )`);
    await q.query(`create index hotspot_requests_key on hotspot_requests (tenant_id, category_code, area_code, received_at)`);
    // Requests per key and local day: the baseline (recent days, last year's season).
    await q.query(`
      create table hotspot_daily_volumes (
        tenant_id text not null,
        category_code text not null,
        area_code text not null,
        day date not null,
        count integer not null,
        primary key (tenant_id, category_code, area_code, day)
      )`);
    await q.query(`create table hotspot_history (tenant_id text primary key, first_day date not null)`);
    await q.query(`
      create table alerts (
        tenant_id text not null,
        alert_id text primary key,
        kind text not null,
        severity text not null,
        category_code text,
        area_code text,
        count integer not null,
        expected double precision not null default 0,
        threshold integer not null default 0,
        baseline_source text,
        window_start timestamptz not null,
        window_end timestamptz not null,
        request_ids text[] not null,
        risk_codes text[] not null default '{}',
        risk_categories text[] not null default '{}',
        stability_risk boolean not null default false,
        raised_at timestamptz not null,
        updated_at timestamptz not null
      )`);
    await q.query(`create index alerts_open_surge on alerts (tenant_id, kind, category_code, area_code, window_end)`);
    await q.query(`create index alerts_raised on alerts (tenant_id, raised_at desc)`);
    await q.query(`
      create table alert_endpoints (
        tenant_id text not null,
        name text not null,
        url text not null,
        secret text not null,
        kinds text[] not null,
        min_severity text not null,
        active boolean not null,
        updated_at timestamptz not null,
        primary key (tenant_id, name)
      )`);
    await q.query(`
      create table alert_deliveries (
        tenant_id text not null,
        delivery_id text primary key,
        alert_id text not null,
        endpoint_name text not null,
        event_type text not null,
        body text not null,
        state text not null,
        attempts integer not null default 0,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz not null
      )`);
    await q.query(`create index alert_deliveries_alert on alert_deliveries (tenant_id, alert_id)`);
    await q.query(`create index alert_deliveries_created on alert_deliveries (tenant_id, created_at desc)`);
    await q.query(`
      create table alert_delivery_attempts (
        tenant_id text not null,
        delivery_id text not null,
        attempt integer not null,
        attempted_at timestamptz not null,
        status integer,
        error text,
        primary key (delivery_id, attempt)
      )`);
    for (const table of ['warning_settings', 'hotspot_requests', 'hotspot_daily_volumes', 'hotspot_history', 'alerts', 'alert_endpoints', 'alert_deliveries', 'alert_delivery_attempts'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['alert_delivery_attempts', 'alert_deliveries', 'alert_endpoints', 'alerts', 'hotspot_history', 'hotspot_daily_volumes', 'hotspot_requests', 'warning_settings'])
      await q.query(`drop table ${table}`);
  }
}
