import { EntityManager } from 'typeorm';
import {
  compareFigures,
  NO_COMPLETIONS,
  NO_REVISITS,
  NO_WORK_ORDERS,
  PERIOD_GROUPING,
  PeriodSpan,
  periodInstants,
  periodTitle,
  previousPeriod,
  rankUnits,
  RateBasis,
  RateRow,
  rateRow,
  scheduledAt,
  UNKNOWN_KEY,
} from '@hotline/analytics-domain';
import type { TenantDb } from '@hotline/platform';
import { callRate, CHANNEL_KIND_LABELS, isChannelKind, isRequestType, REQUEST_TYPE_LABELS, ReportGenerator } from '@hotline/vocabulary';
import { callFigures, QueueCallFigures } from '../calls/call-figures.query';
import { rateFigures } from '../metrics/rates.query';
import { statusFigures } from '../metrics/statuses.query';
import { alertsRaised, clustersOfPeriod, Days, overdueByUnit, requestVolumes, topKeys } from './report-facts.repository';
import { CallLine, CallRateFigure, ComparisonLine, RateFigure, ReportSnapshot, SNAPSHOT_FORMAT, SpanView, UnitLine } from './report-snapshot';

export interface ReportInput {
  tenant: { id: string; name: string; timeZone: string };
  span: PeriodSpan;
  generator: ReportGenerator;
  generatedBy: string;
  now: Date;
  /** The wait after the period for late events (REPORT_DELAY_MINUTES). */
  delayMinutes: number;
}

const daysOf = (span: PeriodSpan): Days => ({ from: span.start, to: span.end });
const spanView = (span: PeriodSpan): SpanView => ({ start: span.start, end: span.end, key: span.key, title: periodTitle(span) });
const figure = (numerator: number, denominator: number, rate: number | null) => ({ numerator, denominator, rate });

/** The rate names a report prints, each with the fields of the rate row it is read from (RATE_FORMULAS). */
const RATES: Array<{ code: string; label: string; of: (r: RateRow) => Omit<RateFigure, 'code' | 'label'> }> = [
  { code: 'response', label: '响应率', of: (r) => figure(r.signedOnTime, r.responseDenominator, r.responseRate) },
  { code: 'onTimeAnswer', label: '按时答复率', of: (r) => figure(r.answeredOnTime, r.onTimeAnswerDenominator, r.onTimeAnswerRate) },
  { code: 'resolution', label: '解决率', of: (r) => figure(r.resolutionNumerator, r.revisits, r.resolutionRate) },
  { code: 'satisfaction', label: '满意率', of: (r) => figure(r.satisfactionNumerator, r.validEvaluations, r.satisfactionRate) },
  { code: 'onTimeCompletion', label: '按时办结率', of: (r) => figure(r.requestsCompletedOnTime, r.completionDenominator, r.onTimeCompletionRate) },
  { code: 'revisit', label: '回访率', of: (r) => figure(r.revisitedRequests, r.revisitDenominator, r.revisitRate) },
  { code: 'redo', label: '重办率', of: (r) => figure(r.redone, r.revisits, r.redoRate) },
  { code: 'urge', label: '催办率', of: (r) => figure(r.urged, r.workOrders, r.urgeRate) },
];

const callFigure = (r: { value: number | null; numerator: number; denominator: number }): CallRateFigure => figure(r.numerator, r.denominator, r.value);

/** A queue's (or the total's) 话务 line, rates with what they are made of. */
function callLine(f: QueueCallFigures): CallLine {
  return {
    calls: f.calls,
    offered: f.offered,
    answered: f.answered,
    answeredInTime: f.answeredInTime,
    abandoned: f.abandoned,
    shortAbandoned: f.shortAbandoned,
    shortExcluded: f.shortExcluded,
    nonRequest: f.nonRequest,
    callbacksDue: f.callbacksDue,
    callbacksDone: f.callbacksDone,
    answerRate: callFigure(f.answerRate),
    timelyAnswerRate: callFigure(f.timelyAnswerRate),
    abandonRate: callFigure(f.abandonRate),
    callbackRate: callFigure(callRate(f.callbacksDone, f.callbacksDue)),
  };
}

/** The one rate row of the whole period (grouped by its day, week or month), zeros when nothing was received. */
async function periodRow(db: TenantDb, tenantId: string, span: PeriodSpan, now: Date): Promise<{ basis: RateBasis; row: RateRow }> {
  const groupBy = PERIOD_GROUPING[span.period];
  const { basis, rows } = await rateFigures(db, tenantId, { groupBy, from: span.start, to: span.end, limit: 1, offset: 0 }, now);
  const row = rows.find((r) => r.key === span.key) ?? rateRow(span.key, span.key, NO_WORK_ORDERS, NO_REVISITS, NO_COMPLETIONS, basis);
  return { basis, row };
}

/**
 * Every figure of a report, from analytics' own tables only: the volumes of the requests
 * received in the period, the rates as /v1/metrics/rates computes them (the tenant's settings,
 * orders judged at `now`), the units ranked, the hotspots, the phone service (话务: 人工接通率 and
 * 人工应答及时率 per queue, as intake's rates define them, from its call events), and the same
 * figures of the previous period beside them. Run it inside one transaction (TenantDb.ambient) so each read joins it.
 */
export async function computeReport(db: TenantDb, m: EntityManager, input: ReportInput): Promise<ReportSnapshot> {
  const { tenant, span, now } = input;
  const previous = previousPeriod(span);
  const { startsAt, endsAt } = periodInstants(span, tenant.timeZone);
  const days = daysOf(span);

  const { basis, row } = await periodRow(db, tenant.id, span, now);
  const before = (await periodRow(db, tenant.id, previous, now)).row;
  const statuses = await statusFigures(db, tenant.id, days);
  const volumes = await requestVolumes(m, days);
  const previousVolumes = await requestVolumes(m, daysOf(previous));
  const overdue = await overdueByUnit(m, days, basis.excludeTerminated);
  const previousOverdue = await overdueByUnit(m, daysOf(previous), basis.excludeTerminated);
  const units = (await rateFigures(db, tenant.id, { groupBy: 'unit', ...days, limit: 1, offset: 0 }, now)).rows.filter((r) => r.key !== UNKNOWN_KEY);
  const calls = await callFigures(m, days);
  const previousCalls = (await callFigures(m, daysOf(previous))).total;

  const total = (rows: typeof overdue) => ({
    signOverdue: rows.reduce((s, r) => s + r.signOverdue, 0),
    handleOverdue: rows.reduce((s, r) => s + r.handleOverdue, 0),
    overdue: rows.reduce((s, r) => s + r.overdue, 0),
  });
  const unitLines: UnitLine[] = units
    .map((u) => ({
      unitId: u.key,
      unitName: u.label,
      workOrders: u.workOrders,
      urged: u.urged,
      overdue: overdue.find((o) => o.unitId === u.key)?.overdue ?? 0,
      response: figure(u.signedOnTime, u.responseDenominator, u.responseRate),
      onTimeCompletion: figure(u.requestsCompletedOnTime, u.completionDenominator, u.onTimeCompletionRate),
      resolution: figure(u.resolutionNumerator, u.revisits, u.resolutionRate),
      satisfaction: figure(u.satisfactionNumerator, u.validEvaluations, u.satisfactionRate),
    }))
    .sort((a, b) => b.workOrders - a.workOrders || (a.unitId < b.unitId ? -1 : 1));
  const ranking = (pick: (u: UnitLine) => Omit<RateFigure, 'code' | 'label'>) =>
    rankUnits(unitLines.map((u) => ({ unitId: u.unitId, unitName: u.unitName, ...pick(u) })));

  const rates = RATES.map((r) => ({ code: r.code, label: r.label, ...r.of(row) }));
  const line = (code: string, label: string, current: number | null, prior: number | null): ComparisonLine => ({ code, label, ...compareFigures(current, prior) });
  const comparison: ComparisonLine[] = [
    line('received', '受理诉求', volumes.received, previousVolumes.received),
    line('closed', '已办结', volumes.closed, previousVolumes.closed),
    line('terminated', '诉求终结', volumes.terminated, previousVolumes.terminated),
    line('merged', '并单', volumes.merged, previousVolumes.merged),
    line('workOrders', '派发工单', row.workOrders, before.workOrders),
    line('urged', '被催办工单', row.urged, before.urged),
    line('overdue', '超期工单', total(overdue).overdue, total(previousOverdue).overdue),
    ...RATES.map((r) => line(r.code, r.label, r.of(row).rate, r.of(before).rate)),
    line('callsOffered', '来电呼入', calls.total.offered, previousCalls.offered),
    line('answerRate', '人工接通率', calls.total.answerRate.value, previousCalls.answerRate.value),
    line('timelyAnswerRate', '人工应答及时率', calls.total.timelyAnswerRate.value, previousCalls.timelyAnswerRate.value),
  ];

  return {
    format: SNAPSHOT_FORMAT,
    tenant: { id: tenant.id, name: tenant.name },
    period: span.period,
    span: spanView(span),
    timeZone: tenant.timeZone,
    generatedAt: now.toISOString(),
    generator: input.generator,
    generatedBy: input.generatedBy,
    complete: now.getTime() >= scheduledAt(span, tenant.timeZone, input.delayMinutes).getTime(),
    basis,
    volumes: {
      received: volumes.received,
      byType: volumes.byType.map((t) => ({ ...t, label: isRequestType(t.code) ? REQUEST_TYPE_LABELS[t.code].zh : t.code })),
      byChannel: volumes.byChannel.map((c) => ({ ...c, label: isChannelKind(c.code) ? CHANNEL_KIND_LABELS[c.code].zh : c.code })),
      byStatus: statuses.items,
      closed: volumes.closed,
      directAnswers: volumes.directAnswers,
      terminated: volumes.terminated,
      merged: volumes.merged,
    },
    rates,
    avgHandlingWorkingHours: row.avgHandlingWorkingHours,
    oversight: {
      workOrders: row.workOrders,
      urged: row.urged,
      urgeNotices: row.urgeNotices,
      circulars: row.circulars,
      supervisions: row.supervisions,
      ...total(overdue),
    },
    units: unitLines,
    rankings: { onTimeCompletion: ranking((u) => u.onTimeCompletion), satisfaction: ranking((u) => u.satisfaction) },
    hotspots: {
      categories: await topKeys(m, 'category_code', days, daysOf(previous)),
      areas: await topKeys(m, 'area_code', days, daysOf(previous)),
      alerts: await alertsRaised(m, startsAt, endsAt).then((a) => ({ raised: a.bySeverity.reduce((s, x) => s + x.count, 0), ...a })),
      clusters: await clustersOfPeriod(m, startsAt, endsAt),
    },
    comparison: { previous: spanView(previous), items: comparison },
    calls: { queues: calls.queues.map((q) => ({ queue: q.queue, ...callLine(q) })), total: callLine(calls.total) },
  };
}
