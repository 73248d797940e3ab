import { z } from 'zod';
import { ALERT_SEVERITIES, RISK_CATEGORIES } from '@hotline/vocabulary';
import { isIsoDate } from '@hotline/calendar';
import { wholeNumber } from '@hotline/platform';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00–23:59)');
const isoDay = z.string().refine(isIsoDate, 'must be a YYYY-MM-DD day');

/** PUT /v1/hotspot-settings: the tenant's surge thresholds and quiet hours (all fields required). */
export const HotspotSettingsBody = z
  .object({
    windowHours: wholeNumber(1, 24 * 14),
    baselineDays: wholeNumber(7, 180),
    seasonalDays: wholeNumber(0, 60),
    minCount: wholeNumber(2, 100_000),
    pValue: z.number().gt(0).lt(0.5),
    minExpectedPerDay: z.number().gt(0).max(100_000),
    quietFrom: hhmm.nullable(),
    quietTo: hhmm.nullable(),
    extraHolidays: z.array(isoDay).max(366),
  })
  .strict()
  .refine((s) => (s.quietFrom === null) === (s.quietTo === null), { message: 'quietFrom and quietTo are both set or both null', path: ['quietTo'] });
export type HotspotSettingsBody = z.infer<typeof HotspotSettingsBody>;

const patternCode = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single dashes').max(60);
const term = z.string().trim().min(1).max(40).refine((t) => !t.split('+').some((p) => p.length === 0), 'no empty part around +');

export const RiskPatternShape = z
  .object({
    code: patternCode,
    category: z.enum(RISK_CATEGORIES),
    terms: z.array(term).min(1).max(200),
    severity: z.enum(ALERT_SEVERITIES),
    stabilityRisk: z.boolean(),
  })
  .strict();

/** PUT /v1/risk-patterns: the tenant's whole list (it replaces the defaults). */
export const RiskPatternsBody = z
  .object({ patterns: z.array(RiskPatternShape).max(200) })
  .strict()
  .refine((b) => new Set(b.patterns.map((p) => p.code)).size === b.patterns.length, { message: 'pattern codes must be unique', path: ['patterns'] });
export type RiskPatternsBody = z.infer<typeof RiskPatternsBody>;
