import { Identity, ProblemError, TenantDb } from '@hotline/platform';
import { latestTaxonomyVersion } from '../categories/taxonomy.repository';
import { hasAnyModel, taxonomyTree } from './classification.repository';
import type { ImportTraining } from './classification.schemas';
import { ClassificationTraining } from './classification-training';
import { trainingRun } from './training-runs.query';

/** At most this many unknown codes are reported, so a wrong file gets a readable answer. */
const REPORTED_ISSUES = 20;
const DERIVED_TITLE_CHARS = 30;

/**
 * A tenant's first model from a labelled set (a new hotline's history from its old system, the
 * demo's message board): every code must be one of the latest taxonomy, and the tenant must have
 * no model yet (afterwards its own confirmed requests train it). Trained like any run, in the
 * background; the run's id is returned at once.
 */
export async function importTraining(db: TenantDb, training: ClassificationTraining, who: Identity, input: ImportTraining) {
  await db.read(who.tenantId, async (m) => {
    const tree = await taxonomyTree(m, await latestTaxonomyVersion(m));
    const issues = input.examples
      .map((e, i) => ({ field: `examples.${i}.categoryCode`, message: 'not a category of the latest taxonomy', ok: tree.has(e.categoryCode) }))
      .filter((issue) => !issue.ok)
      .slice(0, REPORTED_ISSUES)
      .map(({ field, message }) => ({ field, message }));
    if (issues.length > 0) throw ProblemError.validation(issues);
    if (await hasAnyModel(m))
      throw new ProblemError(409, 'model_exists', 'Model exists', 'this hotline has a classification model: it is trained on its own confirmed requests');
  });
  const examples = input.examples.map((e) => ({
    title: e.title ?? Array.from(e.content).slice(0, DERIVED_TITLE_CHARS).join(''),
    content: e.content,
    categoryCode: e.categoryCode,
  }));
  const runId = await training.start(who.tenantId, 'import', who.subject, { kind: 'import', examples });
  return trainingRun(db, who.tenantId, runId);
}
