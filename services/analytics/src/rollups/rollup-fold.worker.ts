import type { BackgroundWorker, ServiceContext } from '@hotline/platform';
import { foldDeltas } from './rollups.repository';

/** How often deltas are folded: reads sum the unfolded ones, so this bounds only how many they sum. */
export const ROLLUP_FOLD_EVERY_MS = 2_000;

/** Folds every tenant's deltas, a batch per transaction until none is left. Returns the rollup rows touched. */
export async function foldAllDeltas(ctx: ServiceContext): Promise<number> {
  let touched = 0;
  for (const tenant of await ctx.tenants.list()) {
    for (;;) {
      const rows = await ctx.db.run(tenant.code, (m) => foldDeltas(m, tenant.code));
      touched += rows;
      if (rows === 0) break;
    }
  }
  return touched;
}

/** Runs foldAllDeltas every ROLLUP_FOLD_EVERY_MS; a failed pass is logged and tried at the next. */
export function rollupFolder(ctx: ServiceContext, everyMs = ROLLUP_FOLD_EVERY_MS): BackgroundWorker {
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;
  let stopped = false;
  const next = (delay: number) => {
    timer = setTimeout(() => {
      pass = foldAllDeltas(ctx)
        .then(() => undefined, (err: Error) => ctx.logger.warn({ err: err.message }, 'rollup fold failed'))
        .finally(() => {
          if (!stopped) next(everyMs);
        });
    }, delay);
  };
  return {
    name: 'rollup fold',
    start: () => next(everyMs),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}
