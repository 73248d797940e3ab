/**
 * 审签 (ADR 0024): where the tenant requires it, a unit's answer leaves the unit only with its
 * 分管负责人's sign-off, and a 重件 (important order) with its 主要负责人's (Bengbu 2017
 * 蚌政热线〔2017〕10号, domain.md §8.3 [S33]). Which orders are 重件 is the tenant's: by the
 * request's urgency, and orders under 督办. Off by default: no national rule.
 */
import { type Role, type Urgency, UNIT_SIGNERS } from '@hotline/vocabulary';

export interface SignOffPolicy {
  required: boolean;
  /** Urgencies whose orders are 重件, signed off by the unit's principal. */
  importantUrgencies: Urgency[];
  /** Orders with a 督办 order are 重件 too. */
  importantWhenSupervised: boolean;
}

export const DEFAULT_SIGN_OFF_POLICY: SignOffPolicy = { required: false, importantUrgencies: [], importantWhenSupervised: false };

/** Whether the order is a 重件 under the tenant's policy. */
export function isImportantOrder(order: { urgency: string; supervised: boolean }, policy: SignOffPolicy): boolean {
  return (policy.importantUrgencies as readonly string[]).includes(order.urgency) || (policy.importantWhenSupervised && order.supervised);
}

/** The role that signs an order's answer off: the principal for a 重件, else the leader (a principal may sign any). */
export function signerRoleFor(important: boolean): Extract<Role, 'unit-leader' | 'unit-principal'> {
  return important ? 'unit-principal' : 'unit-leader';
}

/** Whether these roles may sign off an order's answer (important or not). */
export function maySignOff(roles: readonly Role[], important: boolean): boolean {
  return important ? roles.includes('unit-principal') : roles.some((r) => UNIT_SIGNERS.includes(r));
}
