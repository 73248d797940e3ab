import { createHash } from 'node:crypto';
import {
  ANONYMOUS_REVISITS,
  AnonymousRevisit,
  ANY_REQUEST_TYPE,
  CHANNEL_KIND_LABELS,
  CHANNEL_KINDS,
  ChannelKind,
  isChannelKind,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  RequestType,
  Resolution,
  REVISIT_METHOD_LABELS,
  REVISIT_METHODS,
  RevisitMethod,
  RevisitSkipReason,
  Satisfaction,
} from '@hotline/vocabulary';

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

/** The channel key of a rule for every channel (a rule keyed by request type alone). */
export const ANY_CHANNEL_KIND = '*';

/**
 * A rule may also name the kind of channel the request came in by (vocabulary CHANNEL_KINDS):
 * kinds, not a tenant's own channel codes, so one rule covers every channel of a kind and means
 * the same in every tenant.
 */
export const CHANNEL_RULE_KEYS = [ANY_CHANNEL_KIND, ...CHANNEL_KINDS] as const;
export type ChannelRuleKey = (typeof CHANNEL_RULE_KEYS)[number];

export function isChannelRuleKey(value: unknown): value is ChannelRuleKey {
  return typeof value === 'string' && (CHANNEL_RULE_KEYS as readonly string[]).includes(value);
}

/** Every channel first, then the kinds in the vocabulary's order. */
export function byChannelRuleKey(a: ChannelRuleKey, b: ChannelRuleKey): number {
  return CHANNEL_RULE_KEYS.indexOf(a) - CHANNEL_RULE_KEYS.indexOf(b);
}

/** The channel kind whose Chinese label this is (网站 → web), for a helpful refusal. */
export function channelKindLabelled(label: string): ChannelKind | undefined {
  return CHANNEL_KINDS.find((kind) => CHANNEL_KIND_LABELS[kind].zh === label);
}

/**
 * The kind of a request's channel. Requests carry the tenant's channel code; intake defines its
 * kind (ChannelConfigured). A code revisit has not learnt of counts as the kind it spells, when
 * it spells one (`phone`, `web`: how hotlines name their channels); otherwise the request has
 * no known kind and only the rules for every channel apply to it.
 */
export function channelKindOf(code: string, configuredKind: ChannelKind | null | undefined): ChannelKind | null {
  if (configuredKind) return configuredKind;
  return isChannelKind(code) ? code : null;
}

/** How a tenant revisits the requests a rule covers. */
export interface RevisitRule {
  samplePercent: number;
  windowHours: number;
  maxAttempts: number;
  /** Recorded by the system when the window ends without an evaluation (Nanchong: 240 h → 满意), or null. */
  defaultEvaluation: { satisfaction: Satisfaction; resolution: Resolution } | null;
  /** The ways the hotline reaches requesters under this rule (at least one), in the vocabulary's order. */
  methods: RevisitMethod[];
  /** An anonymous request: skipped, or checked by the hotline itself. */
  anonymous: AnonymousRevisit;
}

/** A stored rule with its keys. */
export type KeyedRevisitRule = RevisitRule & { requestType: SamplingKey; channelKind: ChannelRuleKey };

/**
 * A tenant without a policy revisits every request (no sampling rule was found, domain.md §9.1),
 * over 72 hours with 3 attempts [I: "N calls over M days", §11.2], by any method, records no
 * default and skips anonymous requests (nobody to contact).
 */
export const DEFAULT_REVISIT_RULE: RevisitRule = {
  samplePercent: 100,
  windowHours: 72,
  maxAttempts: 3,
  defaultEvaluation: null,
  methods: [...REVISIT_METHODS],
  anonymous: ANONYMOUS_REVISITS[0],
};

/** The methods in the vocabulary's order, each once. */
export function normalisedMethods(methods: readonly RevisitMethod[]): RevisitMethod[] {
  return REVISIT_METHODS.filter((m) => methods.includes(m));
}

/**
 * The rule for a request: the most specific of the tenant's rules wins, whole (its fields are
 * not merged with a less specific rule's) — type and channel kind, then the type's rule, then the
 * channel kind's rule ('*' type), then the tenant's '*' rule, else the default.
 */
export function ruleFor<P extends RevisitRule & { requestType: SamplingKey; channelKind?: ChannelRuleKey }>(
  policies: readonly P[],
  requestType: string,
  channelKind: ChannelKind | null = null,
): RevisitRule {
  const keyOf = (p: P) => [p.requestType, p.channelKind ?? ANY_CHANNEL_KIND] as const;
  const find = (type: string, kind: string | null) =>
    kind === null ? undefined : policies.find((p) => keyOf(p)[0] === type && keyOf(p)[1] === kind);
  const policy =
    find(requestType, channelKind) ??
    find(requestType, ANY_CHANNEL_KIND) ??
    find(ANY_REQUEST_TYPE, channelKind) ??
    find(ANY_REQUEST_TYPE, ANY_CHANNEL_KIND);
  if (!policy) return DEFAULT_REVISIT_RULE;
  const { samplePercent, windowHours, maxAttempts, defaultEvaluation, methods, anonymous } = policy;
  return { samplePercent, windowHours, maxAttempts, defaultEvaluation, methods: [...methods], anonymous };
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

/** What becomes of a request whose primary answer passed review. */
export type RevisitDecision =
  | { revisit: false; skipReason: RevisitSkipReason }
  | { revisit: true; /** Anonymous: the hotline checks it itself, nobody is called. */ hotlineCheck: boolean };

/**
 * The sampling decision:
 * - an anonymous request under a `skip` rule is skipped (`anonymous-requester`), drawn or not, as before;
 * - a request evaluated before comes back from 重办 and is revisited whatever the draw, since the
 *   second evaluation is the one that counts (Guangzhou 2018);
 * - otherwise the rule's share draws it or not (`not-sampled`). A drawn anonymous request under a
 *   `hotline-check` rule is the hotline's own check: the share is of requests revisited, whoever
 *   revisits them, so anonymous ones are not over- or under-represented.
 */
export function revisitDecision(input: { anonymous: boolean; rule: Pick<RevisitRule, 'anonymous'>; redo: boolean; sampled: boolean }): RevisitDecision {
  if (input.anonymous && input.rule.anonymous === 'skip') return { revisit: false, skipReason: 'anonymous-requester' };
  if (!input.redo && !input.sampled) return { revisit: false, skipReason: 'not-sampled' };
  return { revisit: true, hotlineCheck: input.anonymous };
}

/** Why a revisit (or an attempt) by `method` is refused under the rule, or undefined when it is allowed. */
export function methodRefusal(rule: Pick<RevisitRule, 'methods'>, method: RevisitMethod): string | undefined {
  if (rule.methods.includes(method)) return undefined;
  const allowed = rule.methods.map((m) => `${m} (${REVISIT_METHOD_LABELS[m].zh})`).join(', ');
  return `${method} is not a revisit method of this request's rule: use ${allowed}`;
}
