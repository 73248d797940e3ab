import { Client } from 'pg';
import { inCausalOrder } from '@hotline/intake-domain';
import { createDataSource, migrate } from '@hotline/platform';
import { createTestDatabase, queryAsTenant, TestDatabase } from '@hotline/testing';
import type { RequestStatus } from '@hotline/vocabulary';
import { CausalTimeline1764300001400 } from '../src/persistence/1764300001400-causal-timeline.migration';
import { entities, migrations } from '../src/persistence/schema';

const BEFORE = migrations.slice(0, migrations.indexOf(CausalTimeline1764300001400));
/** Up to this migration and no further, so that undoing the last one undoes it. */
const THROUGH = migrations.slice(0, migrations.indexOf(CausalTimeline1764300001400) + 1);
const REQUEST = '0191f0a0-0000-7000-8000-0000000000d1';
const at = (minute: number) => new Date(Date.UTC(2025, 0, 24, 2, minute)).toISOString();
const type = (name: string) => `hotline.${name}`;

/**
 * A timeline as the previous release wrote it for a request whose events arrived out of order:
 * a status only on each change of the current status, late facts without one, in arrival order.
 */
const LEGACY: Array<[minute: number, status: string | null, reason: string | null, eventType: string, note: string]> = [
  [0, 'registered', 'registered', 'intake.registered', 'phone'],
  [3, 'in-progress', 'primary-signed', type('handling.v1.WorkOrderSigned'), 'signed on time'],
  [2, null, null, type('dispatch.v1.RequestDispatched'), 'catalog: 住建局 (primary)'],
  [4, 'answered', 'primary-answered', type('handling.v1.WorkOrderAnswered'), 'primary answer, rework 0'],
  [5, null, null, type('revisit.v1.AnswerReviewed'), 'review failed'],
  [6, 'in-progress', 'review-failed', type('handling.v1.WorkOrderReopened'), 'rework 1, due x'],
  [9, 'reviewed', 'review-passed', type('revisit.v1.AnswerReviewed'), 'review passed'],
  [7, null, null, type('handling.v1.WorkOrderAnswered'), 'primary answer, rework 1, late'],
  [7, null, null, type('handling.v1.WorkOrderAnswered'), 'assisting answer, rework 0'],
  [2, null, null, type('dispatch.v1.RequestDispatched'), 'catalog: 住建局 (primary)'],
  [11, 'closed', 'revisit-closed', type('revisit.v1.RequestClosed'), 'evaluated: satisfied'],
  [10, null, null, type('revisit.v1.RevisitRecorded'), 'phone: satisfied, resolved'],
  [12, 'archived', 'archived', type('revisit.v1.RequestArchived'), 'archive 1'],
];

describe('intake timeline migration to causal order (real PostgreSQL)', () => {
  let db: TestDatabase;
  let client: Client;
  const asTenant = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => queryAsTenant<T>(client, 'city-a', sql, params);

  beforeAll(async () => {
    db = await createTestDatabase('intake');
    await migrate({ url: db.url, entities, migrations: BEFORE });
    client = new Client({ connectionString: db.url });
    await client.connect();
    await asTenant(
      `insert into requests (id, tenant_id, number, access_code_hash, channel, request_type, urgency, area_code, title, content,
         scope_decision, status, status_version, status_changed_at, received_at, requester_name_enc, requester_phone_enc, created_by)
       values ($1, 'city-a', '3201-20250124-000001', 'h', 'phone', 'complaint', 'normal', '320102', 't', 'c', 'in-scope',
         'archived', 0, $2, $3, '\\x01', '\\x01', 'agent')`,
      [REQUEST, at(12), at(0)],
    );
    for (const [i, [minute, status, reason, eventType, note]] of LEGACY.entries())
      await asTenant(
        `insert into request_timeline (tenant_id, request_id, seq, at, status, reason, actor, event_type, note)
         values ('city-a', $1, $2, $3, $4, $5, 'system:test', $6, $7)`,
        [REQUEST, i + 1, at(minute), status, reason, eventType, note],
      );
    await migrate({ url: db.url, entities, migrations: THROUGH });
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const rows = () =>
    asTenant<{ seq: number; at: Date; status: RequestStatus | null; reason: string | null; round: number | null; changed_status: boolean }>(
      `select seq, at, status, reason, round, changed_status from request_timeline order by seq`,
    );

  it('keeps each earlier status step as a change, with its rework round counted from the changes before it', async () => {
    const changed = (await rows()).filter((r) => r.changed_status).map((r) => [r.seq, r.status, r.round]);
    expect(changed).toEqual([
      [1, 'registered', null],
      [2, 'in-progress', 0],
      [4, 'answered', 0],
      [6, 'in-progress', 1],
      [7, 'reviewed', null],
      [11, 'closed', null],
      [13, 'archived', null],
    ]);
  });

  it('gives late facts their status once, where the row says it for certain, without making them changes', async () => {
    const late = (await rows()).filter((r) => !r.changed_status).map((r) => [r.seq, r.status, r.reason, r.round]);
    expect(late).toEqual([
      [3, 'dispatched', 'dispatched', null],
      [5, null, null, null],
      [8, 'answered', 'primary-answered', 1],
      [9, null, null, null],
      [10, null, null, null], // the same dispatch again: recorded once
      [12, 'revisited', 'revisit-recorded', null],
    ]);
  });

  it('tells the earlier timeline in causal order', async () => {
    const steps = (await rows()).map((r) => ({ ...r, at: new Date(r.at) }));
    expect(inCausalOrder(steps).filter((s) => s.status).map((s) => [s.status, s.at.toISOString()])).toEqual([
      ['registered', at(0)],
      ['dispatched', at(2)],
      ['in-progress', at(3)],
      ['answered', at(4)],
      ['in-progress', at(6)],
      ['answered', at(7)],
      ['reviewed', at(9)],
      ['revisited', at(10)],
      ['closed', at(11)],
      ['archived', at(12)],
    ]);
  });

  it('records each event and each fact once from now on', async () => {
    const { rows: indexes } = await client.query(
      `select indexname from pg_indexes where tablename = 'request_timeline' and indexdef like 'CREATE UNIQUE%' order by indexname`,
    );
    expect(indexes.map((i: { indexname: string }) => i.indexname)).toEqual(['request_timeline_event', 'request_timeline_fact', 'request_timeline_pkey']);
    const { rows: forced } = await client.query(`select relforcerowsecurity from pg_class where relname = 'request_timeline'`);
    expect(forced).toEqual([{ relforcerowsecurity: true }]);
  });

  it('reverts to what the previous release reads: a status only on the steps that changed it', async () => {
    const dataSource = await createDataSource({ url: db.url, entities, migrations: THROUGH }).initialize();
    try {
      await dataSource.undoLastMigration({ transaction: 'all' });
    } finally {
      await dataSource.destroy();
    }
    const statuses = await asTenant<{ seq: number; status: string | null }>(`select seq, status from request_timeline order by seq`);
    expect(statuses.filter((r) => r.status).map((r) => r.seq)).toEqual([1, 2, 4, 6, 7, 11, 13]);
    const { rows: columns } = await client.query(
      `select column_name from information_schema.columns where table_name = 'request_timeline' and column_name in ('round', 'fact_key')`,
    );
    expect(columns).toEqual([]);
  });
});
