import { ProblemError, TenantDb } from '@hotline/platform';
import { findRun } from './classification.repository';
import { toRunView } from './classification.views';

/** A training run as it stands (running, or how it ended). */
export async function trainingRun(db: TenantDb, tenantId: string, runId: string) {
  const run = await db.read(tenantId, (m) => findRun(m, runId));
  if (!run) throw ProblemError.notFound(`training run ${runId}`);
  return toRunView(run);
}
