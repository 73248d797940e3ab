import { randomInt } from 'node:crypto';

/** How many rows a hot counter is spread over (migration ShardedCounters); readers sum them. */
export const COUNTER_SHARDS = 16;

/** The row an increment goes to: any will do, as only the sum is read; random spreads the waits. */
export function counterShard(): number {
  return randomInt(COUNTER_SHARDS);
}
