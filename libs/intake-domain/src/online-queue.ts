// The intake queue of online submissions (网上诉求, issue 14): a citizen's submission waits for an
// agent's scope decision within the tenant's response limit, with a warning before it. The
// defaults are GB/T 33358-2016's "SMS and other media ≤ 3 min" [S6], which the draft standard's
// 编制说明 repeats for internet channels (domain.md §2); the warning one minute before it is
// ours: enough for a supervisor to move an agent onto the queue.
import type { OnlineQueueState, RequestType } from '@hotline/vocabulary';

export interface IntakePolicy {
  /** Seconds from submission to the agent's scope decision on an online submission (响应时限). */
  onlineResponseSeconds: number;
  /** Seconds after submission when the queue warns that the limit is near; 0: no warning. */
  onlineWarningSeconds: number;
  /**
   * Request types whose named requester is confidential (保密) unless the agent says otherwise.
   * By default 举报: a reporter's name and phone once reached the reported party after an online
   * report, so the handling unit should not see a reporter's identity unless needed (domain.md
   * §14). GB/T 33358 asks 保密 only on request [S6]: a tenant may set `[]`.
   */
  confidentialTypes: RequestType[];
}

export const DEFAULT_INTAKE_POLICY: IntakePolicy = { onlineResponseSeconds: 180, onlineWarningSeconds: 120, confidentialTypes: ['report'] };

/** Bounds a tenant may set: a limit from 10 s (tests, drills) to a mailbox's 24 h [S6]. */
export const ONLINE_RESPONSE_LIMITS = { minSeconds: 10, maxSeconds: 24 * 3600 } as const;

/** What breaks the policy's own rule: the warning must come before the limit. */
export function intakePolicyIssues(p: IntakePolicy): Array<{ field: keyof IntakePolicy; message: string }> {
  if (p.onlineWarningSeconds > 0 && p.onlineWarningSeconds >= p.onlineResponseSeconds)
    return [{ field: 'onlineWarningSeconds', message: 'must be less than onlineResponseSeconds (or 0 for no warning)' }];
  return [];
}

/** Whether a named requester of this type is confidential when the agent left it unsaid. */
export function confidentialByDefault(policy: IntakePolicy, requestType: RequestType): boolean {
  return policy.confidentialTypes.includes(requestType);
}

export interface OnlineQueueClock {
  receivedAt: Date;
  warnAt: Date | null;
  dueAt: Date;
  decidedAt: Date | null;
}

/** The clock of one submission under a policy. */
export function onlineQueueClock(policy: IntakePolicy, receivedAt: Date): OnlineQueueClock {
  const at = (seconds: number) => new Date(receivedAt.getTime() + seconds * 1000);
  return {
    receivedAt,
    warnAt: policy.onlineWarningSeconds > 0 ? at(policy.onlineWarningSeconds) : null,
    dueAt: at(policy.onlineResponseSeconds),
    decidedAt: null,
  };
}

/** Its state at `now`: decided, overdue past the limit, warning past the warning, else waiting. */
export function onlineQueueState(clock: OnlineQueueClock, now: Date): OnlineQueueState {
  if (clock.decidedAt) return 'decided';
  if (now >= clock.dueAt) return 'overdue';
  if (clock.warnAt && now >= clock.warnAt) return 'warning';
  return 'waiting';
}

/** Whether a decided submission was answered within its limit (网上诉求按时响应). */
export function respondedInTime(clock: OnlineQueueClock): boolean {
  return clock.decidedAt !== null && clock.decidedAt <= clock.dueAt;
}
