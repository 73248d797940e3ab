import { EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  ClockRule,
  CLOCK_UNITS,
  COUNTINGS,
  DEFAULT_RULE_COUNTING,
  effectiveTimeLimits,
  EffectiveTimeLimit,
  lookupTimeLimit,
  REQUEST_TYPES,
  RequestType,
  TimeLimit,
  URGENCIES,
  Urgency,
} from '@hotline/handling-domain';
import { TimeLimitEntity } from './time-limit.entity';

const ClockRuleBody = z
  .object({
    unit: z.enum(CLOCK_UNITS),
    amount: z.number().int().positive().max(10_000),
    counting: z.enum(COUNTINGS).optional().describe('working-days only; default from-receipt'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.counting && rule.unit !== 'working-days')
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['counting'], message: 'applies to working-days only' });
  });

const TimeLimitBody = z
  .object({ requestType: z.enum(REQUEST_TYPES), urgency: z.enum(URGENCIES), signFor: ClockRuleBody, handling: ClockRuleBody })
  .strict();

/** PUT replaces every tenant row; pairs left out fall back to the national defaults. */
export const PutTimeLimitsBody = z
  .object({ rules: z.array(TimeLimitBody).max(REQUEST_TYPES.length * URGENCIES.length) })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.rules.forEach((rule, i) => {
      const key = `${rule.requestType}/${rule.urgency}`;
      if (seen.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rules', i], message: `${key} appears twice` });
      seen.add(key);
    });
  });
export type PutTimeLimits = z.infer<typeof PutTimeLimitsBody>;

function toTimeLimit(row: TimeLimitEntity): TimeLimit {
  const rule = (unit: ClockRule['unit'], amount: number, counting: ClockRule['counting'] | null): ClockRule =>
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

export async function loadEffectiveTimeLimits(manager: EntityManager): Promise<EffectiveTimeLimit[]> {
  return effectiveTimeLimits(await loadTenantTimeLimits(manager));
}

/** Replaces the tenant's rows in the caller's tenant transaction; returns the new effective table. */
export async function putTimeLimits(manager: EntityManager, tenantId: string, input: PutTimeLimits): Promise<EffectiveTimeLimit[]> {
  const repo = manager.getRepository(TimeLimitEntity);
  await repo.delete({ tenantId });
  const counting = (rule: ClockRule) => (rule.unit === 'working-days' ? (rule.counting ?? DEFAULT_RULE_COUNTING) : null);
  if (input.rules.length > 0)
    await repo.insert(
      input.rules.map((r) =>
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
  return loadEffectiveTimeLimits(manager);
}
