import type { Logger } from 'pino';
import { TenantDb } from '@hotline/platform';
import type { ClassificationTrainingSource } from '@hotline/vocabulary';
import { latestTaxonomyVersion } from '../categories/taxonomy.repository';
import {
  activeModelVersion,
  confirmedClassifications,
  finishRun,
  insertModel,
  modelBody,
  taxonomyTree,
} from './classification.repository';
import type { ClassificationSettings } from './classification-config';
import { trainingJobOf } from './training-job';
import { LabelledText, replacesActive } from './training-plan';
import { TrainingRunner } from './training-runner';

export interface TrainingDeps {
  db: TenantDb;
  runner: TrainingRunner;
  settings: ClassificationSettings;
  logger: Logger;
}

/** What a run learns from: the tenant's confirmed requests, or a labelled set given with an import. */
export type TrainingSource = { kind: 'requests' } | { kind: 'import'; examples: LabelledText[] };

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * A claimed run's work, outside any request transaction: read the examples and the active model
 * (one snapshot), train and judge on a thread, then store the new model — active only when it
 * beats the active one on the same held-back requests — and end the run. Never throws: a failure
 * ends the run as failed.
 */
export async function completeTrainingRun(deps: TrainingDeps, tenantId: string, runId: string, source: TrainingSource): Promise<void> {
  const { db, runner, settings, logger } = deps;
  const end = (outcome: 'activated' | 'rejected' | 'skipped' | 'failed', modelVersion: number | null, detail: string | null) =>
    db.run(tenantId, (m) => finishRun(m, runId, { outcome, modelVersion, detail }));
  try {
    const gathered = await db.read(tenantId, async (m) => {
      const taxonomyVersion = await latestTaxonomyVersion(m);
      const tree = await taxonomyTree(m, taxonomyVersion);
      const examples = source.kind === 'import' ? source.examples : await confirmedClassifications(m, taxonomyVersion, settings.maxExamples);
      const activeVersion = await activeModelVersion(m);
      const activeBody = activeVersion === undefined ? undefined : await modelBody(m, activeVersion);
      return { tree, examples, activeVersion, activeBody };
    });
    const needed = source.kind === 'import' ? 2 : settings.minExamples;
    if (gathered.examples.length < needed) {
      await end('skipped', null, `${gathered.examples.length} confirmed classifications of the latest taxonomy; at least ${needed} needed`);
      return;
    }
    const job = trainingJobOf(gathered.examples, gathered.tree, settings, gathered.activeBody ? new Uint8Array(gathered.activeBody) : undefined);
    const result = await runner.run(job);
    const activate = replacesActive(result.candidate, result.active);
    const trainingSource: ClassificationTrainingSource = source.kind;
    const version = await db.run(tenantId, async (m) => {
      const stored = await insertModel(m, tenantId, {
        state: activate ? 'active' : 'rejected',
        source: trainingSource,
        trainingRunId: runId,
        trainedAt: new Date(),
        exampleCount: job.train.length,
        holdoutCount: result.candidate.count,
        holdoutAccuracy: result.candidate.accuracy,
        holdoutTop3: result.candidate.top3,
        previousVersion: result.active ? (gathered.activeVersion ?? null) : null,
        previousAccuracy: result.active?.accuracy ?? null,
        previousTop3: result.active?.top3 ?? null,
        categoryCodes: result.categoryCodes,
        body: Buffer.from(result.model),
      });
      const against = result.active ? ` against ${percent(result.active.accuracy)} of version ${gathered.activeVersion}` : '';
      const detail = `${job.train.length} examples, ${result.categoryCodes.length} categories, ${result.terms} terms; held back ${result.candidate.count}: top-1 ${percent(result.candidate.accuracy)}, top-3 ${percent(result.candidate.top3)}${against}`;
      await finishRun(m, runId, { outcome: activate ? 'activated' : 'rejected', modelVersion: stored, detail });
      return stored;
    });
    logger.info({ tenantId, runId, version, activated: activate, ms: result.milliseconds, candidate: result.candidate, active: result.active }, 'classification model trained');
  } catch (err) {
    logger.warn({ tenantId, runId, err: (err as Error).message }, 'classification training failed');
    await end('failed', null, (err as Error).message).catch(() => undefined);
  }
}
