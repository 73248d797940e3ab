// helm template over a prepared copy of the charts (helm.ts), for the chart suites: the
// release names and namespace every render uses, the manifests, or the error of a failing one.
import { join } from 'node:path';
import { runHelm } from './helm';
import { Manifest, parseManifests } from './manifests';

export const NAMESPACE = 'hotline';
/** The release each chart is rendered as (the services' names derive from it: hotline-intake, hotline-db-intake). */
export const RELEASE: Record<string, string> = { hotline: 'hotline', 'hotline-postgres': 'hotline-db' };

export function renderChart(helm: string, charts: string, chart: string, args: string[] = []): Manifest[] {
  const r = runHelm(helm, ['template', RELEASE[chart] ?? chart, join(charts, chart), '--namespace', NAMESPACE, ...args]);
  if (r.status !== 0) throw new Error(`helm template ${chart} ${args.join(' ')} failed:\n${r.stderr}`);
  return parseManifests(r.stdout);
}

/** helm template expected to fail: its error output. */
export function renderError(helm: string, charts: string, chart: string, args: string[]): string {
  const r = runHelm(helm, ['template', RELEASE[chart] ?? chart, join(charts, chart), '--namespace', NAMESPACE, ...args]);
  if (r.status === 0) throw new Error(`helm template ${chart} ${args.join(' ')} succeeded, expected a failure`);
  return r.stderr;
}

/** The services that keep personal data encrypted: their charts carry piiMasterKey (PII_* variables). */
export const PII_SERVICES: readonly string[] = ['intake', 'handling'];

/** The first container of a workload (Deployment, Job). */
export const container = (workload: Manifest) => workload['spec'].template.spec.containers[0];
