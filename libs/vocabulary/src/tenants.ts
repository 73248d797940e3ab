import { oneOf } from './code-list';

/**
 * A tenant (a city hotline, or the province) is named by a code such as `city-3201`: lowercase
 * letters and digits in dash-separated groups, at most 63 characters. The code is a token of
 * NATS subjects (`hl.intake.v1.<tenant>.…`), a path segment and a JWT claim, so nothing else may
 * appear in it (no dots, wildcards, spaces or capitals).
 */
export const TENANT_CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const TENANT_CODE_MAX_LENGTH = 63;
export const TENANT_CODE_RULE = 'lowercase letters and digits in dash-separated groups, at most 63 characters';

export function isTenantCode(value: unknown): value is string {
  return typeof value === 'string' && value.length <= TENANT_CODE_MAX_LENGTH && TENANT_CODE_PATTERN.test(value);
}

/** What a tenant is: a city hotline, or the province (cross-tenant aggregates, the registry). */
export const TENANT_KINDS = ['city', 'province'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];
export const isTenantKind = oneOf(TENANT_KINDS);

/** A suspended tenant's tokens are refused and its public paths answer 404; its data stays. */
export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];
export const isTenantStatus = oneOf(TENANT_STATUSES);

/** The part of a tenant code used in request numbers: `city-3201` → `3201`. */
export function tenantNumberPrefix(tenantId: string): string {
  return tenantId.replace(/^city-/, '');
}
