import { EntityManager } from 'typeorm';
import { ClockRule, lookupTimeLimit, TimeLimit } from '@hotline/handling-domain';
import type { ClockUnit, Counting, RequestType, Urgency } from '@hotline/vocabulary';
import { TimeLimitEntity } from './time-limit.entity';

function toTimeLimit(row: TimeLimitEntity): TimeLimit {
  const rule = (unit: ClockUnit, amount: number, counting: Counting | null): ClockRule =>
    counting ? { unit, amount, counting } : { unit, amount };
  return {
    requestType: row.requestType,
    urgency: row.urgency,
    signFor: rule(row.signUnit, row.signAmount, row.signCounting),
    handling: rule(row.handleUnit, row.handleAmount, row.handleCounting),
  };
}

/** The tenant's own rows (RLS scopes the query). */
export async function loadTenantTimeLimits(manager: EntityManager): Promise<TimeLimit[]> {
  return (await manager.getRepository(TimeLimitEntity).find()).map(toTimeLimit);
}

export async function loadTimeLimit(manager: EntityManager, requestType: RequestType, urgency: Urgency): Promise<TimeLimit> {
  const row = await manager.getRepository(TimeLimitEntity).findOneBy({ requestType, urgency });
  return lookupTimeLimit(row ? [toTimeLimit(row)] : [], requestType, urgency);
}

/** Replaces the tenant's rows; a rule keeps its counting NULL unless it names one. */
export async function replaceTenantTimeLimits(manager: EntityManager, tenantId: string, rules: readonly TimeLimit[]): Promise<void> {
  const repo = manager.getRepository(TimeLimitEntity);
  await repo.delete({ tenantId });
  const counting = (rule: ClockRule) => (rule.unit === 'working-days' ? (rule.counting ?? null) : null);
  if (rules.length === 0) return;
  await repo.insert(
    rules.map((r) =>
      repo.create({
        tenantId,
        requestType: r.requestType,
        urgency: r.urgency,
        signUnit: r.signFor.unit,
        signAmount: r.signFor.amount,
        signCounting: counting(r.signFor),
        handleUnit: r.handling.unit,
        handleAmount: r.handling.amount,
        handleCounting: counting(r.handling),
      }),
    ),
  );
}
