import { Label, oneOf } from './code-list';

/**
 * The periods of a hotline report (热线日报/周报/月报, domain.md §13.3: Tangshan issues a daily and a
 * weekly one, Beijing publishes 接诉即办 monthly): a local day, an ISO week (Monday to Sunday) and a
 * calendar month, in the tenant's time zone.
 */
export const REPORT_PERIODS = ['daily', 'weekly', 'monthly'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const isReportPeriod = oneOf(REPORT_PERIODS);
export const REPORT_PERIOD_LABELS: Record<ReportPeriod, Label> = {
  daily: { zh: '日报', en: 'Daily report' },
  weekly: { zh: '周报', en: 'Weekly report' },
  monthly: { zh: '月报', en: 'Monthly report' },
};

/** Who had a report generated: the schedule once its period ended, or a person on demand. */
export const REPORT_GENERATORS = ['schedule', 'user'] as const;
export type ReportGenerator = (typeof REPORT_GENERATORS)[number];
export const isReportGenerator = oneOf(REPORT_GENERATORS);
export const REPORT_GENERATOR_LABELS: Record<ReportGenerator, Label> = {
  schedule: { zh: '定时生成', en: 'Scheduled' },
  user: { zh: '人工生成', en: 'On demand' },
};

/**
 * A report as issued stays what it was; a later version of the same period supersedes it (the
 * newest is the one in force), it is never rewritten.
 */
export const REPORT_STATES = ['issued', 'superseded'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const isReportState = oneOf(REPORT_STATES);
export const REPORT_STATE_LABELS: Record<ReportState, Label> = {
  issued: { zh: '已出具', en: 'Issued' },
  superseded: { zh: '已被新版本取代', en: 'Superseded by a later version' },
};
