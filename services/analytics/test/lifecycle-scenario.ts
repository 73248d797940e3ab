// A request lifecycle described as plain data, turned into the events the real producers emit,
// and the figures the rates endpoint must return, computed here independently of the service.
import { commonV1, EventDefinition, Events, ProducerName } from '@hotline/contracts';

export interface AnswerPlan {
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
}

export interface RequestPlan {
  requestId: string;
  category: string;
  receivedAt: string;
  /** Its receipt day in Asia/Shanghai, written out by the test. */
  day: string;
  closedAtIntake?: 'direct-answer' | 'legal-route';
  queued?: boolean;
  orders: OrderPlan[];
  revisit?: { resolved: boolean; satisfaction: string };
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
    areaCode: '320102',
    title: 'title',
    content: 'content',
    receivedAt: r.receivedAt,
    requesterMaskedName: '张*',
    requesterMaskedPhone: '138****5678',
    confidential: false,
  };
}

/** Each producer's events for one request, in the order that producer emits them. */
export function eventsOf(r: RequestPlan): Record<ProducerName, PlannedEvent[]> {
  let minute = 0;
  const at = () => new Date(new Date(r.receivedAt).getTime() + ++minute * 60_000).toISOString();
  const out: Record<ProducerName, PlannedEvent[]> = { intake: [], dispatch: [], handling: [], revisit: [] };
  if (r.closedAtIntake) {
    out.intake.push(plan(Events.intake.requestClosedAtIntake, { request: brief(r), outcome: r.closedAtIntake, detail: 'answered', closedAt: at() }));
    return out;
  }
  out.intake.push(plan(Events.intake.requestAccepted, { request: brief(r) }));
  if (r.orders.length === 0) return out;
  if (r.queued) out.dispatch.push(plan(Events.dispatch.requestQueued, { request: brief(r), reason: 'no catalog entry', queuedAt: at() }));
  const assignments = r.orders.map((o) => ({ unitId: o.unitId, unitName: o.unitName, role: o.role, unitCode: o.unitId.toUpperCase() }));
  out.dispatch.push(
    plan(Events.dispatch.requestDispatched, {
      request: brief(r), assignments, mode: r.queued ? 'manual' : 'catalog', catalogVersion: 1, dispatchedAt: at(), dispatchedBy: '',
    }),
  );
  for (const o of r.orders) {
    const ids = { workOrderId: o.workOrderId, requestId: r.requestId, unitId: o.unitId };
    out.handling.push(
      plan(Events.handling.workOrderCreated, {
        workOrderId: o.workOrderId, request: brief(r), unitId: o.unitId, unitName: o.unitName, role: o.role,
        signDueAt: at(), handleDueAt: at(), createdAt: at(), unitCode: o.unitId.toUpperCase(),
      }),
    );
    if (o.signedOnTime !== undefined) out.handling.push(plan(Events.handling.workOrderSigned, { ...ids, signedAt: at(), onTime: o.signedOnTime }));
    if (o.signedOnTime === false) {
      out.handling.push(plan(Events.handling.workOrderOverdue, { ...ids, clock: 'sign-for', dueAt: at(), flaggedAt: at() }));
    }
    o.answers.forEach((a, rework) => {
      out.handling.push(
        plan(Events.handling.workOrderAnswered, {
          ...ids, role: o.role, answer: 'done', basis: '', contactRecord: 'called', answeredAt: at(), onTime: a.onTime,
          reworkCount: rework, handlingWorkingHours: a.hours,
        }),
      );
      out.revisit.push(plan(Events.revisit.answerReviewed, {
        reviewId: `${o.workOrderId}-review-${rework}`, requestId: r.requestId, workOrderId: o.workOrderId, unitId: o.unitId,
        passed: a.passes, reasons: a.passes ? [] : ['no basis cited'], reviewedAt: at(),
      }));
      if (!a.passes) {
        out.handling.push(plan(Events.handling.workOrderReopened, {
          ...ids, reasons: ['no basis cited'], reworkCount: rework + 1, handleDueAt: at(), reopenedAt: at(),
        }));
      }
    });
  }
  const primary = r.orders.find((o) => o.role === 'primary')!;
  if (r.revisit) {
    out.revisit.push(plan(Events.revisit.revisitRecorded, {
      revisitId: `${r.requestId}-revisit`, requestId: r.requestId, method: 'phone', ...r.revisit, recordedAt: at(), unitId: primary.unitId,
    }));
  }
  if (r.closed) {
    out.revisit.push(plan(Events.revisit.requestClosed, {
      requestId: r.requestId, closedAt: at(), resolved: r.revisit?.resolved ?? true, satisfaction: r.revisit?.satisfaction ?? '',
    }));
  }
  if (r.archived) {
    out.revisit.push(plan(Events.revisit.requestArchived, {
      requestId: r.requestId, archiveId: `${r.requestId}-archive`, sequence: '1', recordHash: 'h1', previousHash: '', archivedAt: at(),
    }));
  }
  return out;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

/** The rate rows the endpoint must return for these requests, ordered by key. */
export function expectedRates(requests: RequestPlan[], groupBy: 'unit' | 'category' | 'day') {
  const rows = new Map<string, { label: string; wo: number; signed: number; ans: number; ansOnTime: number; hours: number; rv: number; res: number; sat: number }>();
  const row = (key: string, label: string) => {
    if (!rows.has(key)) rows.set(key, { label, wo: 0, signed: 0, ans: 0, ansOnTime: 0, hours: 0, rv: 0, res: 0, sat: 0 });
    return rows.get(key)!;
  };
  const keyOf = (r: RequestPlan, o: OrderPlan) => (groupBy === 'unit' ? o.unitId : groupBy === 'category' ? r.category : r.day);
  for (const r of requests) {
    for (const o of r.orders) {
      const g = row(keyOf(r, o), groupBy === 'unit' ? o.unitName : keyOf(r, o));
      g.wo += 1;
      if (o.signedOnTime) g.signed += 1;
      const latest = o.answers[o.answers.length - 1];
      if (latest) {
        g.ans += 1;
        g.hours += latest.hours;
        if (latest.onTime) g.ansOnTime += 1;
      }
    }
    if (r.revisit) {
      const primary = r.orders.find((o) => o.role === 'primary')!;
      const g = row(keyOf(r, primary), groupBy === 'unit' ? primary.unitName : keyOf(r, primary));
      g.rv += 1;
      if (r.revisit.resolved) g.res += 1;
      if (['satisfied', 'basically-satisfied'].includes(r.revisit.satisfaction)) g.sat += 1;
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, g]) => ({
      key, label: g.label,
      workOrders: g.wo, signedOnTime: g.signed, responseRate: ratio(g.signed, g.wo),
      answered: g.ans, answeredOnTime: g.ansOnTime, onTimeAnswerRate: ratio(g.ansOnTime, g.ans), avgHandlingWorkingHours: ratio(g.hours, g.ans),
      revisits: g.rv, resolved: g.res, resolutionRate: ratio(g.res, g.rv),
      satisfiedOrBasicallySatisfied: g.sat, satisfactionRate: ratio(g.sat, g.rv),
    }));
}
