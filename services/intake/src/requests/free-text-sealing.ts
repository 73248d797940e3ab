import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PiiCipher, ServiceContext } from '@hotline/platform';
import { sealFreeText } from './free-text';

const ROWS_PER_TRANSACTION = 200;
/** Again and again, for the rows the previous release goes on writing during a rolling upgrade (or after a rollback). */
const REPEAT_MS = 10 * 60_000;

interface StoredText {
  id: string;
  tenant_id: string;
  title: string;
  content: string;
  outcome_detail: string | null;
}

/**
 * Masks and encrypts the free text of up to `limit` rows of the caller's tenant that the previous
 * release wrote in clear (rows other replicas are sealing are skipped); how many it sealed.
 */
export async function sealStoredFreeText(manager: EntityManager, cipher: PiiCipher, limit: number): Promise<number> {
  const rows: StoredText[] = await manager.query(
    `select id, tenant_id, title, content, outcome_detail from requests where not free_text_sealed limit $1 for update skip locked`,
    [limit],
  );
  for (const r of rows) {
    const sealed = sealFreeText(cipher, r.tenant_id, { title: r.title, content: r.content, outcomeDetail: r.outcome_detail });
    await manager.query(
      `update requests set title = $2, title_enc = $3, content = $4, content_enc = $5, outcome_detail = $6, outcome_detail_enc = $7,
         free_text_sealed = true
       where id = $1`,
      [r.id, sealed.title, sealed.titleEnc, sealed.content, sealed.contentEnc, sealed.outcomeDetail, sealed.outcomeDetailEnc],
    );
  }
  return rows.length;
}

/** Seals every tenant's stored rows, a batch per transaction, each through the tenant's row-level security. */
export async function sealAllStoredFreeText(ctx: ServiceContext, cipher: PiiCipher): Promise<number> {
  let total = 0;
  for (const tenant of await ctx.tenants.list()) {
    for (;;) {
      const sealed = await ctx.db.run(tenant.code, (m) => sealStoredFreeText(m, cipher, ROWS_PER_TRANSACTION));
      total += sealed;
      if (sealed < ROWS_PER_TRANSACTION) break;
    }
  }
  return total;
}

/**
 * The free text of requests stored before it was masked is sealed by the service, not by the
 * migration: the PII key stays out of the migration Job (docs/deploy.md), and rows the previous
 * release writes after the migration, during a rolling upgrade or after a rollback, need it as
 * well. Until then, every view masks them as they are read (maskedFreeText). Runs in the
 * background from start-up, so a large backlog delays no replica's readiness, then every 10
 * minutes; replicas share the rows (SKIP LOCKED).
 */
export class FreeTextSealing implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly cipher: PiiCipher,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pass = this.run().finally(() => this.schedule(REPEAT_MS));
    }, delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    try {
      const sealed = await sealAllStoredFreeText(this.ctx, this.cipher);
      if (sealed > 0) this.ctx.logger.info({ sealed }, 'free text of stored requests masked and encrypted');
    } catch (err) {
      this.ctx.logger.warn({ err: (err as Error).message }, 'sealing the free text of stored requests failed; retried later');
    }
  }
}
