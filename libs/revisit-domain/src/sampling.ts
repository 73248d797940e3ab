import { ANY_REQUEST_TYPE, REQUEST_TYPE_LABELS, REQUEST_TYPES, RequestType } from '@hotline/vocabulary';

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
