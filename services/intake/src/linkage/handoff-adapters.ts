import type { Logger } from 'pino';
import { z } from 'zod';
import { HandoffAdapterKind, LINKAGE_COUNTERPARTS, LinkageCounterpart, LinkageMethod, Urgency } from '@hotline/vocabulary';

/** What a hand-off tells the counterpart: never the caller's identity in clear (the call itself carries the caller). */
export interface HandoffMessage {
  handoffId: string;
  tenantId: string;
  requestNumber: string;
  counterpart: LinkageCounterpart;
  method: LinkageMethod;
  urgency: Urgency;
  areaCode: string;
  /** The masked content of the request. */
  summary: string;
  at: string;
}

export interface HandoffResult {
  delivered: boolean;
  counterpartRef: string | null;
  detail: string;
}

/** Delivers hand-offs to one counterpart. */
export interface HandoffAdapter {
  readonly kind: HandoffAdapterKind;
  deliver(message: HandoffMessage): Promise<HandoffResult>;
}

/**
 * The default: the agent transfers the call (一键转接 / 话务引导) on the telephony, and the
 * platform records it and logs it (no caller identity) — no integration is assumed to exist,
 * as none was found for 119/120/122 (domain.md §10.3).
 */
export class LogHandoffAdapter implements HandoffAdapter {
  readonly kind = 'log' as const;
  constructor(private readonly logger: Logger) {}

  async deliver(m: HandoffMessage): Promise<HandoffResult> {
    this.logger.info({ handoffId: m.handoffId, tenant: m.tenantId, request: m.requestNumber, counterpart: m.counterpart, method: m.method }, 'emergency hand-off recorded');
    return { delivered: true, counterpartRef: null, detail: 'recorded; the call is transferred by the agent' };
  }
}

/** POSTs the hand-off as JSON to the counterpart's endpoint, within a deadline; its `reference` is kept. */
export class WebhookHandoffAdapter implements HandoffAdapter {
  readonly kind = 'webhook' as const;
  constructor(
    private readonly url: string,
    private readonly deadlineMs: number,
  ) {}

  async deliver(m: HandoffMessage): Promise<HandoffResult> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': m.handoffId },
        body: JSON.stringify(m),
        signal: AbortSignal.timeout(this.deadlineMs),
      });
      if (!res.ok) return { delivered: false, counterpartRef: null, detail: `HTTP ${res.status}` };
      const body = (await res.json().catch(() => ({}))) as { reference?: unknown };
      return { delivered: true, counterpartRef: typeof body.reference === 'string' ? body.reference.slice(0, 100) : null, detail: `HTTP ${res.status}` };
    } catch (err) {
      return { delivered: false, counterpartRef: null, detail: (err as Error).name === 'TimeoutError' ? 'no answer in time' : 'unreachable' };
    }
  }
}

/** LINKAGE_HANDOFF_ADAPTERS: `{"120": {"kind": "webhook", "url": "https://…"}}`; a counterpart not named uses `log`. */
export const handoffAdaptersSchema = z
  .string()
  .default('{}')
  .transform((text, ctx): Partial<Record<LinkageCounterpart, { kind: 'webhook'; url: string }>> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON object by counterpart' });
      return z.NEVER;
    }
    const result = z
      .record(z.enum(LINKAGE_COUNTERPARTS), z.object({ kind: z.literal('webhook'), url: z.string().url() }).strict())
      .safeParse(parsed);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${issue.path.join('.')}: ${issue.message}` });
      return z.NEVER;
    }
    return result.data;
  });

/** The adapter of each counterpart. */
export class HandoffAdapters {
  private readonly log: LogHandoffAdapter;
  private readonly webhooks = new Map<LinkageCounterpart, WebhookHandoffAdapter>();

  constructor(config: z.infer<typeof handoffAdaptersSchema>, deadlineMs: number, logger: Logger) {
    this.log = new LogHandoffAdapter(logger);
    for (const [counterpart, c] of Object.entries(config)) if (c) this.webhooks.set(counterpart as LinkageCounterpart, new WebhookHandoffAdapter(c.url, deadlineMs));
  }

  of(counterpart: LinkageCounterpart): HandoffAdapter {
    return this.webhooks.get(counterpart) ?? this.log;
  }
}
