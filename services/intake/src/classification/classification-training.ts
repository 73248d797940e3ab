import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ProblemError, ServiceContext, TenantDb, uuidv7 } from '@hotline/platform';
import type { ClassificationRunTrigger } from '@hotline/vocabulary';
import { claimRun, classifiedSinceLastRun } from './classification.repository';
import { ClassificationSettings, classificationSettingsOf } from './classification-config';
import { completeTrainingRun, TrainingDeps, TrainingSource } from './train-tenant-model.command';
import { TrainingRunner } from './training-runner';

/**
 * Training of each tenant's classification model: on demand (a tenant admin, an import) and
 * every CLASSIFICATION_TRAINING_INTERVAL_MINUTES for every active tenant with classifications
 * newer than its last run. A run is claimed in the database (one per tenant, whichever replica),
 * trained on a worker thread one at a time, and never inside a request's transaction: intake
 * goes on registering requests meanwhile.
 */
export class ClassificationTraining implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly settings: ClassificationSettings;
  private readonly runner = new TrainingRunner();
  // Its own, so that a run started by a call inside an idempotent call's transaction never joins
  // that transaction (the context of the call would otherwise follow the run into the background).
  private readonly background: TenantDb;
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly ctx: ServiceContext) {
    this.settings = classificationSettingsOf(ctx.serviceConfig);
    this.background = new TenantDb(ctx.dataSource);
  }

  private get deps(): TrainingDeps {
    return { db: this.background, runner: this.runner, settings: this.settings, logger: this.ctx.logger };
  }

  /** Claims a run for the tenant and does it in the background; its id, or a 409 while another one runs. */
  async start(tenantId: string, trigger: ClassificationRunTrigger, requestedBy: string, source: TrainingSource): Promise<string> {
    const runId = uuidv7();
    const claimed = await this.ctx.db.run(tenantId, (m) => claimRun(m, tenantId, { id: runId, trigger, requestedBy, at: new Date() }));
    if (!claimed) throw new ProblemError(409, 'training_running', 'Training running', 'a training run of this hotline has not ended yet');
    this.track(completeTrainingRun(this.deps, tenantId, runId, source));
    return runId;
  }

  onApplicationBootstrap(): void {
    if (this.settings.intervalMinutes > 0) this.schedule(this.settings.intervalMinutes * 60_000);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.runner.stop();
    await Promise.all(this.inFlight);
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.track(this.pass()).finally(() => this.schedule(this.settings.intervalMinutes * 60_000));
    }, delayMs);
    this.timer.unref();
  }

  /** One periodic pass: each active tenant in turn, so one run at a time on this replica. */
  private async pass(): Promise<void> {
    try {
      for (const tenant of await this.ctx.tenants.list()) {
        if (this.stopped) return;
        if (tenant.status !== 'active') continue;
        if (!(await this.background.read(tenant.code, (m) => classifiedSinceLastRun(m)))) continue;
        const runId = uuidv7();
        const claimed = await this.background.run(tenant.code, (m) =>
          claimRun(m, tenant.code, { id: runId, trigger: 'schedule', requestedBy: 'system:intake', at: new Date() }),
        );
        if (claimed) await completeTrainingRun(this.deps, tenant.code, runId, { kind: 'requests' });
      }
    } catch (err) {
      this.ctx.logger.warn({ err: (err as Error).message }, 'periodic classification training failed; tried again at the next interval');
    }
  }
}
