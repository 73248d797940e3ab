import type { RetentionPolicy, RetentionRun } from './retention.repository';

export function toRetentionPolicyView(p: RetentionPolicy) {
  return {
    closedRequestYears: p.closedRequestYears,
    anonymiseIdentity: p.anonymiseIdentity,
    anonymiseFreeText: p.anonymiseFreeText,
    /** False while the tenant has set no policy of its own (these are the defaults). */
    configured: p.updatedAt !== null,
    updatedAt: p.updatedAt?.toISOString() ?? null,
    updatedBy: p.updatedBy,
  };
}

/** A run with its progress: `anonymised` of `total` requests, `remaining` still to go. */
export function toRetentionRunView(r: RetentionRun) {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    asOf: r.asOf.toISOString(),
    cutoff: r.cutoff.toISOString(),
    policy: { closedRequestYears: r.closedRequestYears, anonymiseIdentity: r.anonymiseIdentity, anonymiseFreeText: r.anonymiseFreeText },
    total: r.total,
    anonymised: r.anonymised,
    remaining: Math.max(0, r.total - r.anonymised),
    batches: r.batches,
    batchSize: r.batchSize,
    lastSequence: r.lastSequence,
    requestedBy: r.requestedBy,
    startedAt: r.startedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    error: r.error,
  };
}
