import type { Comparison, RankingEntry, RateBasis, StatusCount } from '@hotline/analytics-domain';
import type { AlertKind, AlertSeverity, ReportGenerator, ReportPeriod } from '@hotline/vocabulary';

/**
 * The snapshot's layout version: a reader of an older report knows what it holds. 2 added
 * `calls` (话务, ADR 0038); a report of format 1 has none.
 */
export const SNAPSHOT_FORMAT = 2;

export interface CodeCount {
  code: string;
  /** The vocabulary's Chinese name, or the code when analytics knows no name for it. */
  label: string;
  count: number;
}

/** A rate as analytics computes it (RATE_FORMULAS), always beside what it was computed from. */
export interface RateFigure {
  code: string;
  label: string;
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface UnitLine {
  unitId: string;
  unitName: string;
  workOrders: number;
  urged: number;
  overdue: number;
  response: Omit<RateFigure, 'code' | 'label'>;
  onTimeCompletion: Omit<RateFigure, 'code' | 'label'>;
  resolution: Omit<RateFigure, 'code' | 'label'>;
  satisfaction: Omit<RateFigure, 'code' | 'label'>;
}

export interface HotspotLine {
  code: string;
  count: number;
  /** The same code's count in the previous period. */
  previous: number;
}

export interface AlertLine {
  alertId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  categoryCode: string | null;
  areaCode: string | null;
  count: number;
  raisedAt: string;
}

export interface ClusterLine {
  clusterId: string;
  categoryCode: string | null;
  areaCode: string;
  /** Members received within the period, and in all. */
  requestsInPeriod: number;
  requests: number;
  requesters: number;
  /** The cluster's heat when the report was generated. */
  heat: number;
}

/** A rate of the phone service with what it is made of (the vocabulary's call-rate formulas). */
export type CallRateFigure = Omit<RateFigure, 'code' | 'label'>;

/** The phone service (话务) of one queue, or of all: counts by the local day a call entered the queue. */
export interface CallLine {
  /** Calls that entered the queue, answered and abandoned. */
  calls: number;
  /** 来电呼入总量: calls less the short abandons the policy left out (the denominator of 人工接通率). */
  offered: number;
  answered: number;
  /** Answered within the tenant's answerTimelySeconds (intake's call policy when the call was recorded). */
  answeredInTime: number;
  abandoned: number;
  shortAbandoned: number;
  /** Short abandons left out of `offered`. */
  shortExcluded: number;
  /** Answered calls that were no matter: silent, harassment, a wrong number, a hang-up. */
  nonRequest: number;
  /** 漏接回拨: callback items opened by abandons of the period, and those whose caller was reached again. */
  callbacksDue: number;
  callbacksDone: number;
  /** 人工接通率 = answered / offered. */
  answerRate: CallRateFigure;
  /** 人工应答及时率 = answered in time / answered. */
  timelyAnswerRate: CallRateFigure;
  abandonRate: CallRateFigure;
  /** Callbacks done / due (ours: 66号文 asks for 漏接回拨 without a figure). */
  callbackRate: CallRateFigure;
}

export interface ComparisonLine extends Comparison {
  code: string;
  label: string;
}

export interface SpanView {
  start: string;
  end: string;
  key: string;
  title: string;
}

/**
 * A report as issued: every figure of its period, computed once from analytics' own tables and
 * stored, never recomputed. Cohorts are requests by receipt day, as every analytics rate is.
 */
export interface ReportSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  tenant: { id: string; name: string };
  period: ReportPeriod;
  span: SpanView;
  timeZone: string;
  generatedAt: string;
  generator: ReportGenerator;
  generatedBy: string;
  /** Whether the period, and the wait for late events after it, had ended when it was generated. */
  complete: boolean;
  basis: RateBasis;
  volumes: {
    received: number;
    byType: CodeCount[];
    byChannel: CodeCount[];
    byStatus: StatusCount[];
    closed: number;
    directAnswers: number;
    terminated: number;
    merged: number;
  };
  rates: RateFigure[];
  avgHandlingWorkingHours: number | null;
  oversight: {
    workOrders: number;
    urged: number;
    urgeNotices: number;
    circulars: number;
    supervisions: number;
    signOverdue: number;
    handleOverdue: number;
    overdue: number;
  };
  units: UnitLine[];
  rankings: { onTimeCompletion: RankingEntry[]; satisfaction: RankingEntry[] };
  hotspots: {
    categories: HotspotLine[];
    areas: HotspotLine[];
    alerts: { raised: number; bySeverity: Array<{ severity: AlertSeverity; count: number }>; items: AlertLine[] };
    clusters: ClusterLine[];
  };
  comparison: { previous: SpanView; items: ComparisonLine[] };
  /** 话务 (format 2 on): per queue, and the total, from intake's call events. */
  calls?: { queues: Array<{ queue: string } & CallLine>; total: CallLine };
}
