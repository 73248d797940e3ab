import { z } from 'zod';
import { fieldErrors, ProblemError } from '@hotline/platform';
import {
  ANY_CHANNEL_KIND,
  channelKindLabelled,
  CHANNEL_RULE_KEYS,
  ChannelRuleKey,
  DEFAULT_REVISIT_RULE,
  isChannelRuleKey,
  isSamplingKey,
  normalisedMethods,
  requestTypeLabelled,
  SAMPLING_KEYS,
  SamplingKey,
} from '@hotline/revisit-domain';
import { ANONYMOUS_REVISITS, RESOLUTIONS, REVISIT_METHODS, SATISFACTION_LEVELS } from '@hotline/vocabulary';

const KEYS_RULE = `one of ${SAMPLING_KEYS.join(', ')} (a request-type code, or * for the default rule)`;
const CHANNEL_RULE = `one of ${CHANNEL_RULE_KEYS.join(', ')} (a channel kind, or * for every channel)`;

/** The path's request type: a code of the vocabulary or '*'; a Chinese label is named for what it is. */
export const SamplingKeyParam = z.string().refine(isSamplingKey, (value) => {
  const code = requestTypeLabelled(value);
  return { message: code ? `"${value}" is the label of ${code}: use the code, ${KEYS_RULE}` : KEYS_RULE };
});

/**
 * The path's channel kind: a kind of the vocabulary or '*' — a kind, not the tenant's channel
 * code, so one rule covers every channel of the kind. A Chinese label is named for what it is.
 */
export const ChannelRuleKeyParam = z.string().refine(isChannelRuleKey, (value) => {
  const kind = channelKindLabelled(value);
  return { message: kind ? `"${value}" is the label of ${kind}: use the kind, ${CHANNEL_RULE}` : CHANNEL_RULE };
});

export const PutPolicyBody = z
  .object({
    samplePercent: z.number().int().min(0).max(100),
    windowHours: z.number().int().min(1).max(720),
    /** Unanswered attempts within the window after which the revisit is exhausted (default 3). */
    maxAttempts: z.number().int().min(1).max(10).default(DEFAULT_REVISIT_RULE.maxAttempts),
    /** Recorded when the window ends without an evaluation (Nanchong: windowHours 240, 满意); absent or null: none. */
    defaultEvaluation: z
      .object({ satisfaction: z.enum(SATISFACTION_LEVELS), resolution: z.enum(RESOLUTIONS) })
      .strict()
      .nullable()
      .default(null),
    /** The revisit methods the hotline uses under this rule (absent: all of phone, sms, online); kept once each. */
    methods: z
      .array(z.enum(REVISIT_METHODS))
      .min(1, `at least one of ${REVISIT_METHODS.join(', ')}`)
      .max(REVISIT_METHODS.length * 3)
      .transform(normalisedMethods)
      .default([...DEFAULT_REVISIT_RULE.methods]),
    /** An anonymous request (nobody to contact): skip its revisit (default), or the hotline checks it itself (Bengbu). */
    anonymous: z.enum(ANONYMOUS_REVISITS).default(DEFAULT_REVISIT_RULE.anonymous),
  })
  .strict();
export type PutPolicy = z.infer<typeof PutPolicyBody> & { requestType: SamplingKey; channelKind: ChannelRuleKey };

/**
 * Validates the path's request type (and channel kind, for a channel rule) and the body
 * together, so one 400 names every bad field. Without a channel the rule is for every channel.
 */
export function parsePutPolicy(requestType: unknown, body: unknown, channelKind: unknown = ANY_CHANNEL_KIND): PutPolicy {
  const type = SamplingKeyParam.safeParse(requestType);
  const channel = ChannelRuleKeyParam.safeParse(channelKind);
  const values = PutPolicyBody.safeParse(body ?? {});
  if (type.success && channel.success && values.success) return { requestType: type.data, channelKind: channel.data, ...values.data };
  throw ProblemError.validation([
    ...(type.success ? [] : fieldErrors(type.error, 'requestType')),
    ...(channel.success ? [] : fieldErrors(channel.error, 'channelKind')),
    ...(values.success ? [] : fieldErrors(values.error)),
  ]);
}

/** The key of a rule to remove: a request type (or *) and a channel kind (or *, the rule for every channel). */
export function parseRuleKey(requestType: unknown, channelKind: unknown = ANY_CHANNEL_KIND): { requestType: SamplingKey; channelKind: ChannelRuleKey } {
  const type = SamplingKeyParam.safeParse(requestType);
  const channel = ChannelRuleKeyParam.safeParse(channelKind);
  if (type.success && channel.success) return { requestType: type.data, channelKind: channel.data };
  throw ProblemError.validation([
    ...(type.success ? [] : fieldErrors(type.error, 'requestType')),
    ...(channel.success ? [] : fieldErrors(channel.error, 'channelKind')),
  ]);
}
