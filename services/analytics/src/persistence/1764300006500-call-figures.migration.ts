import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * The phone service in analytics (ADR 0038), from intake's CallRecorded, CallOutcomeChanged and
 * CallbackResolved: one row per call and per callback item (nothing about the caller: intake
 * sends none), and their rollup per tenant × local day × queue that the reports read. A call's
 * `day` is the tenant's local day it entered the queue, an item's the day of its first abandon.
 * A call row may exist before its CallRecorded (a mark that overtook it, `queue` still null); it
 * counts from its CallRecorded on.
 */
export class CallFigures1764300006500 implements MigrationInterface {
  name = 'CallFigures1764300006500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table call_facts (
        tenant_id text not null,
        call_id text not null,
        queue text,
        day date,
        offered_at timestamptz,
        answered boolean,
        answered_in_time boolean,
        short_abandoned boolean,
        short_excluded boolean,
        recorded_outcome text,
        outcome text,
        outcome_marked_at timestamptz,
        primary key (tenant_id, call_id)
      )`);
    await q.query(`
      create table callback_facts (
        tenant_id text not null,
        callback_id text not null,
        queue text not null,
        day date not null,
        first_abandoned_at timestamptz not null,
        state text not null,
        closed_at timestamptz,
        primary key (tenant_id, callback_id)
      )`);
    await q.query(`
      create table call_rollups (
        tenant_id text not null,
        day date not null,
        queue text not null,
        calls integer not null default 0,
        answered integer not null default 0,
        answered_in_time integer not null default 0,
        abandoned integer not null default 0,
        short_abandoned integer not null default 0,
        short_excluded integer not null default 0,
        non_request integer not null default 0,
        callbacks_due integer not null default 0,
        callbacks_done integer not null default 0,
        primary key (tenant_id, day, queue)
      )`);
    for (const table of ['call_facts', 'callback_facts', 'call_rollups']) for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table call_rollups`);
    await q.query(`drop table callback_facts`);
    await q.query(`drop table call_facts`);
  }
}
