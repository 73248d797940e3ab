// A request lifecycle described as plain data, turned into the events the real producers emit
// (intake numbering every status change), and the figures the endpoints must return, computed
// here independently of the service.
import { commonV1, EventDefinition, Events } from '@hotline/contracts';
import { canonicalArea, RequestStatus, ServiceName, StatusChangeReason } from '@hotline/vocabulary';

export type Producer = Exclude<ServiceName, 'analytics'>;
export const PRODUCER_ORDER: readonly Producer[] = ['intake', 'dispatch', 'handling', 'revisit'];

export interface AnswerPlan {
  /** Before the ORIGINAL handling due, as handling judges it. */
  onTime: boolean;
  hours: number;
  /** The review (复核) of this answer; a failed review reopens the order (rework). */
  passes: boolean;
}

export interface OrderPlan {
  workOrderId: string;
  unitId: string;
  unitName: string;
  role: 'primary' | 'assisting';
  signedOnTime?: boolean;
  answers: AnswerPlan[];
  /** Cancelled, still open, when its request closed. */
  cancelled?: boolean;
  /** The hotline's urges of it (催办), in order. */
  urges?: Array<'reminder' | 'notice' | 'circular'>;
  /** 督办 orders opened on it (each also replied and closed). */
  supervisions?: number;
}

export interface RequestPlan {
  requestId: string;
  category: string;
  receivedAt: string;
  /** Its receipt day in Asia/Shanghai, written out by the test. */
  day: string;
  /** Its division code; 320102 when not given. */
  areaCode?: string;
  closedAtIntake?: 'direct-answer' | 'legal-route';
  queued?: boolean;
  anonymous?: boolean;
  orders: OrderPlan[];
  /** An evaluation, or skipped (anonymous requester). */
  revisit?: { resolved: boolean; satisfaction: string; resolution?: string; respondent?: string } | 'skipped';
  closed?: boolean;
  archived?: boolean;
}

export interface PlannedEvent {
  def: EventDefinition<unknown>;
  payload: unknown;
}

const plan = <T>(def: EventDefinition<T>, payload: T): PlannedEvent => ({ def: def as EventDefinition<unknown>, payload });

function brief(r: RequestPlan): commonV1.RequestBrief {
  return {
    requestId: r.requestId,
    number: `3201-${r.day.replace(/-/g, '')}-${r.requestId}`,
    channel: 'phone',
    requestType: 'complaint',
    urgency: 'normal',
    categoryCode: r.category,
    areaCode: r.areaCode ?? '320102',
    title: 'title',
    content: 'content',
    receivedAt: r.receivedAt,
    requesterMaskedName: r.anonymous ? '' : '张*',
    requesterMaskedPhone: r.anonymous ? '' : '138****5678',
    confidential: false,
    anonymous: r.anonymous ?? false,
    categoryPath: [r.category],
    taxonomyVersion: 1,
  };
}

const standingAnswer = (o: OrderPlan): AnswerPlan | undefined => {
  const latest = o.answers[o.answers.length - 1];
  return latest?.passes ? latest : undefined;
};

/** The statuses intake gives the request, in order, with why (docs/lifecycle.md). */
export function statusPath(r: RequestPlan): Array<[RequestStatus, StatusChangeReason]> {
  const path: Array<[RequestStatus, StatusChangeReason]> = [['registered', 'registered']];
  if (r.closedAtIntake) path.push([r.closedAtIntake === 'direct-answer' ? 'closed' : 'not-accepted', r.closedAtIntake]);
  if (r.queued) path.push(['awaiting-dispatch', 'queued-for-manual-dispatch']);
  if (r.orders.length > 0) path.push(['dispatched', 'dispatched']);
  const primary = r.orders.find((o) => o.role === 'primary');
  if (primary?.signedOnTime !== undefined) path.push(['in-progress', 'primary-signed']);
  for (const a of primary?.answers ?? []) {
    path.push(['answered', 'primary-answered']);
    path.push(a.passes ? ['reviewed', 'review-passed'] : ['in-progress', 'review-failed']);
  }
  if (r.revisit && r.revisit !== 'skipped') path.push(['revisited', 'revisit-recorded']);
  if (r.closed) path.push(['closed', 'revisit-closed']);
  if (r.archived) path.push(['archived', 'archived']);
  return path;
}

export const finalStatus = (r: RequestPlan): RequestStatus => statusPath(r)[statusPath(r).length - 1]![0];

/** Each producer's events for one request, in the order that producer emits them. */
export function eventsOf(r: RequestPlan): Record<Producer, PlannedEvent[]> {
  let minute = 0;
  const at = () => new Date(new Date(r.receivedAt).getTime() + ++minute * 60_000).toISOString();
  const out: Record<Producer, PlannedEvent[]> = { intake: [], dispatch: [], handling: [], revisit: [] };
  if (r.closedAtIntake) {
    out.intake.push(
      plan(Events.intake.requestClosedAtIntake, { request: brief(r), outcome: r.closedAtIntake, detail: 'answered', closedAt: at(), closedBy: 'agent-1' }),
    );
  } else {
    out.intake.push(plan(Events.intake.requestAccepted, { request: brief(r) }));
  }
  if (r.queued) out.dispatch.push(plan(Events.dispatch.requestQueued, { request: brief(r), reason: 'no catalog entry', queuedAt: at() }));
  if (r.orders.length > 0) {
    const assignments = r.orders.map((o) => ({ unitId: o.unitId, unitName: o.unitName, role: o.role, unitCode: o.unitId.toUpperCase() }));
    out.dispatch.push(
      plan(Events.dispatch.requestDispatched, {
        request: brief(r), assignments, mode: r.queued ? 'manual' : 'catalog', catalogVersion: 1, dispatchedAt: at(),
        dispatchedBy: r.queued ? 'dispatcher-1' : 'system:dispatch',
      }),
    );
  }
  for (const o of r.orders) {
    const ids = { workOrderId: o.workOrderId, requestId: r.requestId, unitId: o.unitId };
    // Every due lies in the scenario's past: each order is decided for both rates.
    const createdAt = at();
    const handleDueAt = at();
    out.handling.push(
      plan(Events.handling.workOrderCreated, {
        workOrderId: o.workOrderId, request: brief(r), unitId: o.unitId, unitName: o.unitName, role: o.role,
        signDueAt: at(), handleDueAt, createdAt, unitCode: o.unitId.toUpperCase(), dueProvisional: false,
      }),
    );
    if (o.signedOnTime !== undefined)
      out.handling.push(plan(Events.handling.workOrderSigned, { ...ids, signedAt: at(), onTime: o.signedOnTime, signedBy: 'operator-1' }));
    if (o.signedOnTime === false) out.handling.push(plan(Events.handling.workOrderOverdue, { ...ids, clock: 'sign-for', dueAt: at(), flaggedAt: at() }));
    (o.urges ?? []).forEach((level, i) =>
      out.handling.push(plan(Events.handling.workOrderUrged, {
        ...ids, urgeId: `${o.workOrderId}-urge-${i}`, level, method: level === 'reminder' ? 'phone' : 'written', urgedAt: at(),
        urgedBy: level === 'reminder' ? 'dispatcher-1' : 'system:handling', dueAt: handleDueAt, overdue: level !== 'reminder',
        copiedToLeader: level !== 'reminder', urgeCount: i + 1,
      })),
    );
    for (let s = 0; s < (o.supervisions ?? 0); s++)
      for (const [step, state] of [['opened', 'open'], ['replied', 'replied'], ['closed', 'closed']] as const)
        out.handling.push(plan(Events.handling.supervisionChanged, {
          supervisionId: `${o.workOrderId}-supervision-${s}`, workOrderId: o.workOrderId, requestId: r.requestId, unitId: o.unitId,
          source: 'leader-instruction', step, state, replyDueAt: handleDueAt, at: at(), by: 'supervisor-1', replyOverdue: false,
        }));
    let reworkDueAt = '';
    o.answers.forEach((a, rework) => {
      out.handling.push(
        plan(Events.handling.workOrderAnswered, {
          ...ids, role: o.role, answer: 'done', basis: '', contactRecord: 'called', answeredAt: at(), onTime: a.onTime,
          reworkCount: rework, handlingWorkingHours: a.hours, answeredBy: 'operator-1', signedOffBy: '', handleDueAt, reworkDueAt,
          reworkOnTime: reworkDueAt !== '',
        }),
      );
      out.revisit.push(plan(Events.revisit.answerReviewed, {
        reviewId: `${o.workOrderId}-review-${rework}`, requestId: r.requestId, workOrderId: o.workOrderId, unitId: o.unitId,
        passed: a.passes, reasons: a.passes ? [] : ['no basis cited'], reviewedAt: at(), reviewedBy: 'reviewer-1', role: o.role,
      }));
      if (!a.passes) {
        const reopenedAt = at();
        reworkDueAt = at();
        out.handling.push(plan(Events.handling.workOrderReopened, {
          ...ids, reasons: ['no basis cited'], reworkCount: rework + 1, handleDueAt, reopenedAt, reworkDueAt,
        }));
      }
    });
  }
  const primary = r.orders.find((o) => o.role === 'primary');
  if (r.revisit === 'skipped') {
    out.revisit.push(plan(Events.revisit.revisitSkipped, { requestId: r.requestId, reason: 'anonymous-requester', skippedAt: at(), unitId: primary?.unitId ?? '' }));
  } else if (r.revisit) {
    out.revisit.push(plan(Events.revisit.revisitRecorded, {
      revisitId: `${r.requestId}-revisit`, requestId: r.requestId, method: 'phone', ...r.revisit, recordedAt: at(),
      unitId: primary?.unitId ?? '', recordedBy: 'agent-1',
    }));
  }
  if (r.closed) {
    const evaluated = r.revisit && r.revisit !== 'skipped' ? r.revisit : undefined;
    out.revisit.push(plan(Events.revisit.requestClosed, {
      requestId: r.requestId, closedAt: at(), resolved: evaluated?.resolved ?? false, satisfaction: evaluated?.satisfaction ?? '',
      closedBy: 'agent-1', revisitOutcome: evaluated ? 'evaluated' : 'skipped',
    }));
    for (const o of r.orders.filter((x) => x.cancelled))
      out.handling.push(plan(Events.handling.workOrderCancelled, {
        workOrderId: o.workOrderId, requestId: r.requestId, unitId: o.unitId, role: o.role, reason: 'request-closed',
        previousStatus: o.signedOnTime === undefined ? 'awaiting-sign' : 'in-progress', cancelledAt: at(),
      }));
  }
  if (r.archived) {
    out.revisit.push(plan(Events.revisit.requestArchived, {
      requestId: r.requestId, archiveId: `${r.requestId}-archive`, sequence: '1', recordHash: 'h1', previousHash: '', archivedAt: at(),
    }));
  }
  statusPath(r).forEach(([toStatus, reason], i, path) =>
    out.intake.push(plan(Events.intake.requestStatusChanged, {
      requestId: r.requestId, fromStatus: i === 0 ? '' : path[i - 1]![0], toStatus, reason,
      at: new Date(new Date(r.receivedAt).getTime() + i * 1000).toISOString(), actor: 'system:intake', sequence: String(i + 1),
    })),
  );
  return out;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

/** The ISO week (YYYY-Www) of a YYYY-MM-DD day: the week of its Thursday. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - (3 - ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export type Grouping = 'unit' | 'category' | 'area' | 'day' | 'week' | 'month';

/** The rate rows the endpoint must return for these requests (every due long past, default rate settings), ordered by key. */
export function expectedRates(requests: RequestPlan[], groupBy: Grouping) {
  const zero = {
    wo: 0, cancelled: 0, signed: 0, signedOnTime: 0, unsignedPast: 0, ans: 0, ansOnTime: 0, unansweredPast: 0, hours: 0, rv: 0, res: 0, sat: 0, skipped: 0,
    urged: 0, notices: 0, circulars: 0, supervisions: 0, basic: 0, dissatisfied: 0, needed: 0, revisited: 0, decided: 0, completedOnTime: 0,
  };
  const rows = new Map<string, typeof zero & { label: string }>();
  const row = (key: string, label: string) => {
    if (!rows.has(key)) rows.set(key, { ...zero, label });
    return rows.get(key)!;
  };
  const keyOf = (r: RequestPlan, o: OrderPlan) =>
    ({ unit: o.unitId, category: r.category, area: canonicalArea(r.areaCode ?? '320102'), day: r.day, week: isoWeek(r.day), month: r.day.slice(0, 7) })[groupBy];
  const labelOf = (r: RequestPlan, o: OrderPlan) => (groupBy === 'unit' ? o.unitName : keyOf(r, o));
  for (const r of requests) {
    for (const o of r.orders) {
      const g = row(keyOf(r, o), labelOf(r, o));
      g.wo += 1;
      if (o.cancelled) g.cancelled += 1;
      if (o.urges?.length) g.urged += 1;
      if (o.urges?.includes('notice')) g.notices += 1;
      if (o.urges?.includes('circular')) g.circulars += 1;
      g.supervisions += o.supervisions ?? 0;
      if (o.signedOnTime === undefined) g.unsignedPast += 1;
      else g.signed += 1;
      if (o.signedOnTime) g.signedOnTime += 1;
      const standing = standingAnswer(o);
      if (standing) {
        g.ans += 1;
        g.hours += standing.hours;
        if (standing.onTime) g.ansOnTime += 1;
      } else g.unansweredPast += 1;
    }
    if (r.revisit) {
      const primary = r.orders.find((o) => o.role === 'primary')!;
      const g = row(keyOf(r, primary), labelOf(r, primary));
      if (r.revisit === 'skipped') g.skipped += 1;
      else {
        g.rv += 1;
        if (r.revisit.resolved) g.res += 1;
        if (['satisfied', 'basically-satisfied'].includes(r.revisit.satisfaction)) g.sat += 1;
        if (r.revisit.satisfaction === 'basically-satisfied') g.basic += 1;
        if (r.revisit.satisfaction === 'dissatisfied') g.dissatisfied += 1;
        // 回访率: a closed request evaluated (the scenario's skips are anonymous requesters: no revisit needed).
        if (r.closed) {
          g.needed += 1;
          g.revisited += 1;
        }
      }
    }
    // On-time completion, per request, for its primary unit: every due is past, so an order
    // without a standing answer is late, and so is one answered after its original due.
    const primary = r.orders.find((o) => o.role === 'primary');
    if (primary) {
      const g = row(keyOf(r, primary), labelOf(r, primary));
      g.decided += 1;
      if (r.orders.every((o) => standingAnswer(o)?.onTime)) g.completedOnTime += 1;
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, g]) => ({
      key, label: g.label, workOrders: g.wo, cancelled: g.cancelled,
      signed: g.signed, signedOnTime: g.signedOnTime, unsignedPastDue: g.unsignedPast,
      responseDenominator: g.signed + g.unsignedPast, responseRate: ratio(g.signedOnTime, g.signed + g.unsignedPast),
      answered: g.ans, answeredOnTime: g.ansOnTime, unansweredPastDue: g.unansweredPast,
      onTimeAnswerDenominator: g.ans + g.unansweredPast, onTimeAnswerRate: ratio(g.ansOnTime, g.ans + g.unansweredPast),
      avgHandlingWorkingHours: ratio(g.hours, g.ans),
      revisits: g.rv, skippedRevisits: g.skipped, resolved: g.res, resolutionRate: ratio(g.res, g.rv),
      satisfiedOrBasicallySatisfied: g.sat, satisfactionRate: ratio(g.sat, g.rv),
      urged: g.urged, urgeNotices: g.notices, circulars: g.circulars, urgeRate: ratio(g.urged, g.wo), supervisions: g.supervisions,
      // Issue 13: none of the scenario's requests is terminated, judged, partly resolved, unrated or defaulted.
      terminatedWorkOrders: 0, partlyResolved: 0, resolutionNumerator: g.res,
      satisfied: g.sat - g.basic, basicallySatisfied: g.basic, dissatisfied: g.dissatisfied, validEvaluations: g.rv, satisfactionNumerator: g.sat,
      unratedEvaluations: 0, unreasonableEvaluations: 0, defaultedEvaluations: 0, redone: 0, redoRounds: 0, redoRate: ratio(0, g.rv),
      revisitDenominator: g.needed, revisitedRequests: g.revisited, revisitRate: ratio(g.revisited, g.needed),
      completionDenominator: g.decided, requestsCompletedOnTime: g.completedOnTime, onTimeCompletionRate: ratio(g.completedOnTime, g.decided),
    }));
}

/** Requests by final status, only the statuses that have some. */
export function expectedStatuses(requests: RequestPlan[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[finalStatus(r)] = (counts[finalStatus(r)] ?? 0) + 1;
  return counts;
}
