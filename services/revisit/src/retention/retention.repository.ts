import { EntityManager } from 'typeorm';
import { RETENTION_DEFAULTS, RetentionRunStatus, RetentionRunTrigger } from '@hotline/vocabulary';
import type { PutRetentionPolicy } from './retention.schemas';

// Every query here runs in a tenant transaction: row-level security selects the tenant's rows.

export interface RetentionPolicy {
  closedRequestYears: number;
  anonymiseIdentity: boolean;
  anonymiseFreeText: boolean;
  /** Null while the tenant has set none (the defaults apply). */
  updatedAt: Date | null;
  updatedBy: string | null;
}

interface PolicyRow {
  closed_request_years: number;
  anonymise_identity: boolean;
  anonymise_free_text: boolean;
  updated_at: Date;
  updated_by: string;
}

/** The tenant's policy, or the vocabulary's default when it set none. */
export async function loadRetentionPolicy(manager: EntityManager): Promise<RetentionPolicy> {
  const [row]: PolicyRow[] = await manager.query(`select * from retention_policies`);
  return row ? toPolicy(row) : { ...RETENTION_DEFAULTS, updatedAt: null, updatedBy: null };
}

const toPolicy = (row: PolicyRow): RetentionPolicy => ({
  closedRequestYears: row.closed_request_years,
  anonymiseIdentity: row.anonymise_identity,
  anonymiseFreeText: row.anonymise_free_text,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

export async function saveRetentionPolicy(manager: EntityManager, tenantId: string, input: PutRetentionPolicy, by: string): Promise<RetentionPolicy> {
  const rows: PolicyRow[] = await manager.query(
    `insert into retention_policies (tenant_id, closed_request_years, anonymise_identity, anonymise_free_text, updated_at, updated_by)
     values ($1, $2, $3, $4, now(), $5)
     on conflict (tenant_id) do update set closed_request_years = excluded.closed_request_years,
       anonymise_identity = excluded.anonymise_identity, anonymise_free_text = excluded.anonymise_free_text,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by
     returning *`,
    [tenantId, input.closedRequestYears, input.anonymiseIdentity, input.anonymiseFreeText, by],
  );
  return rows.map(toPolicy)[0] as RetentionPolicy;
}

export interface RetentionRun {
  id: string;
  tenantId: string;
  trigger: RetentionRunTrigger;
  status: RetentionRunStatus;
  asOf: Date;
  cutoff: Date;
  closedRequestYears: number;
  anonymiseIdentity: boolean;
  anonymiseFreeText: boolean;
  batchSize: number;
  total: number;
  anonymised: number;
  batches: number;
  /** Where the run resumes: the last sequence a batch anonymised. */
  lastSequence: number;
  /** The chain's head when the run started: records appended later are not its. */
  untilSequence: number;
  requestedBy: string;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

interface RunRow {
  id: string;
  tenant_id: string;
  trigger: RetentionRunTrigger;
  status: RetentionRunStatus;
  as_of: Date;
  cutoff: Date;
  closed_request_years: number;
  anonymise_identity: boolean;
  anonymise_free_text: boolean;
  batch_size: number;
  total: number;
  anonymised: number;
  batches: number;
  last_sequence: string;
  until_sequence: string;
  requested_by: string;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  error: string | null;
}

const toRun = (r: RunRow): RetentionRun => ({
  id: r.id,
  tenantId: r.tenant_id,
  trigger: r.trigger,
  status: r.status,
  asOf: r.as_of,
  cutoff: r.cutoff,
  closedRequestYears: r.closed_request_years,
  anonymiseIdentity: r.anonymise_identity,
  anonymiseFreeText: r.anonymise_free_text,
  batchSize: r.batch_size,
  total: r.total,
  anonymised: r.anonymised,
  batches: r.batches,
  lastSequence: Number(r.last_sequence),
  untilSequence: Number(r.until_sequence),
  requestedBy: r.requested_by,
  startedAt: r.started_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
  error: r.error,
});

export async function insertRun(manager: EntityManager, run: RetentionRun): Promise<void> {
  await manager.query(
    `insert into retention_runs (id, tenant_id, trigger, status, as_of, cutoff, closed_request_years, anonymise_identity,
       anonymise_free_text, batch_size, total, anonymised, batches, last_sequence, until_sequence, requested_by, started_at, updated_at,
       finished_at, error)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
    [
      run.id, run.tenantId, run.trigger, run.status, run.asOf, run.cutoff, run.closedRequestYears, run.anonymiseIdentity,
      run.anonymiseFreeText, run.batchSize, run.total, run.anonymised, run.batches, run.lastSequence, run.untilSequence, run.requestedBy,
      run.startedAt, run.updatedAt, run.finishedAt, run.error,
    ],
  );
}

/** A run by id; `lock` holds it until the transaction ends (a batch works on it alone). */
export async function findRun(manager: EntityManager, id: string, lock = false): Promise<RetentionRun | null> {
  const [row]: RunRow[] = await manager.query(`select * from retention_runs where id = $1${lock ? ' for update' : ''}`, [id]);
  return row ? toRun(row) : null;
}

export async function runningRun(manager: EntityManager): Promise<RetentionRun | null> {
  const [row]: RunRow[] = await manager.query(`select * from retention_runs where status = 'running' for update`);
  return row ? toRun(row) : null;
}

export async function listRuns(manager: EntityManager, limit: number, offset: number): Promise<RetentionRun[]> {
  const rows: RunRow[] = await manager.query(`select * from retention_runs order by started_at desc, id desc limit $1 offset $2`, [limit, offset]);
  return rows.map(toRun);
}

/** A batch's progress: how many more were anonymised, up to which sequence; finished when `done`. */
export async function recordBatch(manager: EntityManager, id: string, anonymised: number, lastSequence: number, done: boolean): Promise<void> {
  await manager.query(
    `update retention_runs set anonymised = anonymised + $2, batches = batches + 1, last_sequence = greatest(last_sequence, $3),
       updated_at = now(), status = case when $4 then 'completed' else status end, finished_at = case when $4 then now() else finished_at end
     where id = $1`,
    [id, anonymised, lastSequence, done],
  );
}

export async function failRun(manager: EntityManager, id: string, error: string): Promise<void> {
  await manager.query(`update retention_runs set status = 'failed', error = $2, updated_at = now(), finished_at = now() where id = $1 and status = 'running'`, [
    id,
    error.slice(0, 500),
  ]);
}
