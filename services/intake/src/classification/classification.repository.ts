import { EntityManager } from 'typeorm';
import { maskPersonalData } from '@hotline/privacy';
import type { ClassificationModelState, ClassificationRunOutcome, ClassificationRunTrigger, ClassificationTrainingSource } from '@hotline/vocabulary';
import type { LabelledText } from './training-plan';

// Row-level security scopes every query here to the transaction's tenant.

/** Retired models whose file is kept (to go back to one by hand); older ones keep their figures only. */
const RETIRED_BODIES_KEPT = 3;
/** A run this old and not finished was lost with its replica (a run takes minutes at most). */
const ABANDONED_RUN_MINUTES = 120;

export async function activeModelVersion(manager: EntityManager): Promise<number | undefined> {
  const [row] = await manager.query(`select version from classification_models where state = 'active'`);
  return row ? Number(row.version) : undefined;
}

export async function modelBody(manager: EntityManager, version: number): Promise<Buffer | undefined> {
  const [row] = await manager.query(`select body from classification_models where version = $1 and body is not null`, [version]);
  return row ? (row.body as Buffer) : undefined;
}

export async function hasAnyModel(manager: EntityManager): Promise<boolean> {
  return (await manager.query(`select 1 from classification_models limit 1`)).length > 0;
}

export interface ModelRow {
  version: number;
  state: ClassificationModelState;
  source: ClassificationTrainingSource;
  trainingRunId: string | null;
  trainedAt: Date;
  exampleCount: number;
  holdoutCount: number;
  holdoutAccuracy: number;
  holdoutTop3: number;
  previousVersion: number | null;
  previousAccuracy: number | null;
  previousTop3: number | null;
  categoryCodes: string[];
  bodyBytes: number;
}

const MODEL_COLUMNS = `version, state, source, training_run_id, trained_at, example_count, holdout_count, holdout_accuracy, holdout_top3,
  previous_version, previous_accuracy, previous_top3, category_codes, body_bytes`;

function toModel(r: Record<string, unknown>): ModelRow {
  const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    version: Number(r.version),
    state: r.state as ClassificationModelState,
    source: r.source as ClassificationTrainingSource,
    trainingRunId: (r.training_run_id as string | null) ?? null,
    trainedAt: new Date(r.trained_at as string),
    exampleCount: Number(r.example_count),
    holdoutCount: Number(r.holdout_count),
    holdoutAccuracy: Number(r.holdout_accuracy),
    holdoutTop3: Number(r.holdout_top3),
    previousVersion: numberOrNull(r.previous_version),
    previousAccuracy: numberOrNull(r.previous_accuracy),
    previousTop3: numberOrNull(r.previous_top3),
    categoryCodes: r.category_codes as string[],
    bodyBytes: Number(r.body_bytes),
  };
}

export async function listModels(manager: EntityManager): Promise<ModelRow[]> {
  const rows = await manager.query(`select ${MODEL_COLUMNS} from classification_models order by version desc`);
  return rows.map(toModel);
}

export type NewModel = Omit<ModelRow, 'version' | 'bodyBytes'> & { body: Buffer };

/**
 * Stores a trained model as the tenant's next version. An active one retires the one before it
 * (its file kept for the last few); a rejected one keeps its figures and no file.
 */
export async function insertModel(manager: EntityManager, tenantId: string, model: NewModel): Promise<number> {
  await manager.query(`select pg_advisory_xact_lock(hashtextextended('intake.classification-models:' || $1, 0))`, [tenantId]);
  const [{ next }] = await manager.query(`select coalesce(max(version), 0) + 1 as next from classification_models`);
  if (model.state === 'active') await manager.query(`update classification_models set state = 'retired' where state = 'active'`);
  await manager.query(
    `insert into classification_models (tenant_id, version, state, source, training_run_id, trained_at, example_count, holdout_count,
       holdout_accuracy, holdout_top3, previous_version, previous_accuracy, previous_top3, category_codes, body, body_bytes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      tenantId, Number(next), model.state, model.source, model.trainingRunId, model.trainedAt, model.exampleCount, model.holdoutCount,
      model.holdoutAccuracy, model.holdoutTop3, model.previousVersion, model.previousAccuracy, model.previousTop3, model.categoryCodes,
      model.state === 'rejected' ? null : model.body, model.body.length,
    ],
  );
  await manager.query(
    `update classification_models set body = null
      where state = 'retired' and body is not null
        and version not in (select version from classification_models where state = 'retired' order by version desc limit $1)`,
    [RETIRED_BODIES_KEPT],
  );
  return Number(next);
}

export interface RunRow {
  id: string;
  trigger: ClassificationRunTrigger;
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: ClassificationRunOutcome | null;
  modelVersion: number | null;
  detail: string | null;
}

/**
 * Starts a run unless one is running for the tenant (false then). A run left unfinished long
 * ago (its replica stopped mid-run) is closed as failed first.
 */
export async function claimRun(
  manager: EntityManager,
  tenantId: string,
  run: { id: string; trigger: ClassificationRunTrigger; requestedBy: string; at: Date },
): Promise<boolean> {
  await manager.query(
    `update classification_training_runs set finished_at = now(), outcome = 'failed', detail = 'abandoned: its replica stopped before it ended'
      where finished_at is null and started_at < now() - make_interval(mins => $1)`,
    [ABANDONED_RUN_MINUTES],
  );
  const inserted = await manager.query(
    `insert into classification_training_runs (id, tenant_id, trigger, requested_by, started_at) values ($1, $2, $3, $4, $5)
     on conflict (tenant_id) where finished_at is null do nothing returning id`,
    [run.id, tenantId, run.trigger, run.requestedBy, run.at],
  );
  return inserted.length > 0;
}

export async function finishRun(
  manager: EntityManager,
  id: string,
  end: { outcome: ClassificationRunOutcome; modelVersion: number | null; detail: string | null },
): Promise<void> {
  await manager.query(`update classification_training_runs set finished_at = now(), outcome = $2, model_version = $3, detail = $4 where id = $1`, [
    id,
    end.outcome,
    end.modelVersion,
    end.detail,
  ]);
}

export async function findRun(manager: EntityManager, id: string): Promise<RunRow | undefined> {
  const [r] = await manager.query(
    `select id, trigger, requested_by, started_at, finished_at, outcome, model_version, detail from classification_training_runs where id = $1`,
    [id],
  );
  if (!r) return undefined;
  return {
    id: r.id,
    trigger: r.trigger,
    requestedBy: r.requested_by,
    startedAt: new Date(r.started_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
    outcome: r.outcome ?? null,
    modelVersion: r.model_version === null ? null : Number(r.model_version),
    detail: r.detail ?? null,
  };
}

/** Whether a request was classified after the last run that ended: the periodic job skips a tenant with nothing new to learn. */
export async function classifiedSinceLastRun(manager: EntityManager): Promise<boolean> {
  const [row] = await manager.query(
    `select exists (
       select 1 from requests where category_code is not null
          and received_at > coalesce((select max(started_at) from classification_training_runs where finished_at is not null), '-infinity')
     ) as fresh`,
  );
  return row.fresh === true;
}

/**
 * The most recent confirmed classifications under codes of the taxonomy version, oldest first:
 * the masked title and content (the clear text is encrypted beside them and never read for
 * this), masked here for a row the previous release wrote in clear. Anonymised requests have no
 * text left.
 */
export async function confirmedClassifications(manager: EntityManager, taxonomyVersion: number, limit: number): Promise<LabelledText[]> {
  const rows: Array<{ title: string; content: string; category_code: string; free_text_sealed: boolean }> = await manager.query(
    `select title, content, category_code, free_text_sealed from requests
      where category_code is not null and anonymised_at is null
        and category_code in (select code from categories where version = $1)
      order by received_at desc, id desc
      limit $2`,
    [taxonomyVersion, limit],
  );
  return rows.reverse().map((r) => ({
    title: r.free_text_sealed ? r.title : maskPersonalData(r.title),
    content: r.free_text_sealed ? r.content : maskPersonalData(r.content),
    categoryCode: r.category_code,
  }));
}

export interface TaxonomyNode {
  name: string;
  parentCode: string | null;
}

export async function taxonomyTree(manager: EntityManager, version: number): Promise<Map<string, TaxonomyNode>> {
  const rows: Array<{ code: string; name: string; parent_code: string | null }> = await manager.query(
    `select code, name, parent_code from categories where version = $1`,
    [version],
  );
  return new Map(rows.map((r) => [r.code, { name: r.name, parentCode: r.parent_code }]));
}

export interface SuggestionRow {
  id: string;
  modelVersion: number | null;
  createdAt: Date;
  createdBy: string;
  categories: Array<{ code: string; probability: number }>;
  requestType: { code: string; probability: number };
  urgency: { code: string; probability: number };
}

export async function insertSuggestion(manager: EntityManager, tenantId: string, s: SuggestionRow): Promise<void> {
  await manager.query(
    `insert into classification_suggestions (id, tenant_id, model_version, created_at, created_by, category_codes, category_probabilities,
       request_type, request_type_probability, urgency, urgency_probability)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      s.id, tenantId, s.modelVersion, s.createdAt, s.createdBy, s.categories.map((c) => c.code), s.categories.map((c) => c.probability),
      s.requestType.code, s.requestType.probability, s.urgency.code, s.urgency.probability,
    ],
  );
}

export interface OutcomeRow {
  categoryCode: string;
  /** Rank of the first suggested category that is the confirmed one or above it; null when none was. */
  matchedRank: number | null;
  requestType: string;
  urgency: string;
  requestId: string | null;
  at: Date;
  by: string;
}

export interface StoredSuggestion extends SuggestionRow {
  outcome: OutcomeRow | null;
}

/** A suggestion, its row locked (outcomes are recorded one at a time). */
export async function lockSuggestion(manager: EntityManager, id: string): Promise<StoredSuggestion | undefined> {
  const [r] = await manager.query(`select * from classification_suggestions where id = $1 for update`, [id]);
  if (!r) return undefined;
  return {
    id: r.id,
    modelVersion: r.model_version === null ? null : Number(r.model_version),
    createdAt: new Date(r.created_at),
    createdBy: r.created_by,
    categories: (r.category_codes as string[]).map((code, i) => ({ code, probability: Number(r.category_probabilities[i]) })),
    requestType: { code: r.request_type, probability: Number(r.request_type_probability) },
    urgency: { code: r.urgency, probability: Number(r.urgency_probability) },
    outcome:
      r.outcome_at === null
        ? null
        : {
            categoryCode: r.confirmed_category_code,
            matchedRank: r.matched_rank === null ? null : Number(r.matched_rank),
            requestType: r.confirmed_request_type,
            urgency: r.confirmed_urgency,
            requestId: r.request_id ?? null,
            at: new Date(r.outcome_at),
            by: r.outcome_by,
          },
  };
}

export async function recordOutcome(manager: EntityManager, id: string, o: OutcomeRow): Promise<void> {
  await manager.query(
    `update classification_suggestions set confirmed_category_code = $2, confirmed_request_type = $3, confirmed_urgency = $4, request_id = $5,
       outcome_at = $6, outcome_by = $7, matched_rank = $8 where id = $1`,
    [id, o.categoryCode, o.requestType, o.urgency, o.requestId, o.at, o.by, o.matchedRank],
  );
}

export async function requestExists(manager: EntityManager, id: string): Promise<boolean> {
  return (await manager.query(`select 1 from requests where id = $1`, [id])).length > 0;
}

export interface QualityRow {
  modelVersion: number | null;
  suggestions: number;
  withOutcome: number;
  top1: number;
  top3: number;
  requestType: number;
  urgency: number;
}

/** Per model version: suggestions shown in [from, to), those with the agent's choice, and how often the choice was suggested. */
export async function qualityByModel(manager: EntityManager, from: Date, to: Date): Promise<QualityRow[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `select model_version, count(*)::int as suggestions, count(outcome_at)::int as with_outcome,
            count(*) filter (where matched_rank = 1)::int as top1,
            count(*) filter (where matched_rank is not null)::int as top3,
            count(*) filter (where confirmed_request_type = request_type)::int as request_type,
            count(*) filter (where confirmed_urgency = urgency)::int as urgency
       from classification_suggestions
      where created_at >= $1 and created_at < $2
      group by model_version
      order by model_version nulls first`,
    [from, to],
  );
  return rows.map((r) => ({
    modelVersion: r.model_version === null ? null : Number(r.model_version),
    suggestions: Number(r.suggestions),
    withOutcome: Number(r.with_outcome),
    top1: Number(r.top1),
    top3: Number(r.top3),
    requestType: Number(r.request_type),
    urgency: Number(r.urgency),
  }));
}
