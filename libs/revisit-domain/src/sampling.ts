import { createHash } from 'node:crypto';
import { ANY_REQUEST_TYPE, REQUEST_TYPE_LABELS, REQUEST_TYPES, RequestType, Resolution, Satisfaction } from '@hotline/vocabulary';

/** A sampling policy is kept per request-type code, beside the tenant's default rule ('*'). */
export const SAMPLING_KEYS = [ANY_REQUEST_TYPE, ...REQUEST_TYPES] as const;
export type SamplingKey = (typeof SAMPLING_KEYS)[number];

export function isSamplingKey(value: unknown): value is SamplingKey {
  return typeof value === 'string' && (SAMPLING_KEYS as readonly string[]).includes(value);
}

/** Default rule first, then the request types in the vocabulary's order. */
export function bySamplingKey(a: SamplingKey, b: SamplingKey): number {
  return SAMPLING_KEYS.indexOf(a) - SAMPLING_KEYS.indexOf(b);
}

/** The request type whose Chinese label this is (投诉 → complaint), for a helpful refusal. */
export function requestTypeLabelled(label: string): RequestType | undefined {
  return REQUEST_TYPES.find((type) => REQUEST_TYPE_LABELS[type].zh === label);
}

/** How a tenant revisits requests of one type: the share drawn, the window, its attempts, a default evaluation. */
export interface RevisitRule {
  samplePercent: number;
  windowHours: number;
  maxAttempts: number;
  /** Recorded by the system when the window ends without an evaluation (Nanchong: 240 h → 满意), or null. */
  defaultEvaluation: { satisfaction: Satisfaction; resolution: Resolution } | null;
}

/**
 * A tenant without a policy revisits every request (no sampling rule was found, domain.md §9.1),
 * over 72 hours with 3 attempts [I: "N calls over M days", §11.2], and records no default.
 */
export const DEFAULT_REVISIT_RULE: RevisitRule = { samplePercent: 100, windowHours: 72, maxAttempts: 3, defaultEvaluation: null };

/** The rule for a request type: its own policy, else the tenant's '*' rule, else the default. */
export function ruleFor<P extends RevisitRule & { requestType: SamplingKey }>(policies: readonly P[], requestType: string): RevisitRule {
  const policy = policies.find((p) => p.requestType === requestType) ?? policies.find((p) => p.requestType === ANY_REQUEST_TYPE);
  if (!policy) return DEFAULT_REVISIT_RULE;
  const { samplePercent, windowHours, maxAttempts, defaultEvaluation } = policy;
  return { samplePercent, windowHours, maxAttempts, defaultEvaluation };
}

export const SAMPLE_BUCKETS = 10_000;

/**
 * A request's place in 0…9999, from sha256 of tenant and request id: deterministic (the same
 * request is always drawn or not, whichever replica decides and however often an event is
 * redelivered) and uniform, so a share of p % draws p % of requests within sampling noise.
 */
export function sampleBucket(tenantId: string, requestId: string): number {
  return createHash('sha256').update(`${tenantId}\n${requestId}`).digest().readUInt32BE(0) % SAMPLE_BUCKETS;
}

/** Whether the request is drawn for revisit under a share of `samplePercent` %. */
export function isSampled(samplePercent: number, tenantId: string, requestId: string): boolean {
  return sampleBucket(tenantId, requestId) < samplePercent * (SAMPLE_BUCKETS / 100);
}
