/**
 * How a tenant computes its rates (domain.md §9.3: no official formula exists, so "make each
 * choice a tenant setting and show it in reports"). Every rates response carries the settings it
 * was computed with (`basis`), so a published figure says what it counted.
 */
export interface RateSettings {
  /**
   * What one 基本满意 counts for in the 满意率 numerator (w2 of §9.3), 0…1. Default 1: counted as
   * satisfied, as the platform always has and as the 满意率 published by Beijing-style reports
   * (满意 + 基本满意) does; a tenant reporting only 满意 sets 0.
   */
  basicallySatisfiedWeight: number;
  /** What one 部分解决 counts for in the 解决率 numerator (w of §9.3), 0…1. Default 0 (§9.3). */
  partlyResolvedWeight: number;
  /**
   * Leave the orders and evaluations of terminated requests (诉求终结) out of the rates. Default
   * yes: Linyi's 不合理工单 are "not counted in unit assessment" (domain.md §11.3); they are
   * still counted apart (terminatedWorkOrders, the statuses' terminated figures).
   */
  excludeTerminated: boolean;
  /**
   * Leave an evaluation a reviewer judged unreasonable (不合理差评) out of the 满意率 denominator.
   * Default yes: §9.3 excludes "orders 认定为不合理" from it.
   */
  excludeUnreasonableEvaluations: boolean;
}

export const DEFAULT_RATE_SETTINGS: RateSettings = {
  basicallySatisfiedWeight: 1,
  partlyResolvedWeight: 0,
  excludeTerminated: true,
  excludeUnreasonableEvaluations: true,
};

/** The part of the settings the arithmetic needs; the exclusions act on what is counted. */
export type RateWeights = Pick<RateSettings, 'basicallySatisfiedWeight' | 'partlyResolvedWeight'>;

/** The settings a figure was computed with, as every rates response reports them. */
export interface RateBasis extends RateSettings {
  /** True when the tenant never set its own (the documented defaults). */
  isDefault: boolean;
  /** When the tenant last changed them; null for the defaults. */
  updatedAt: string | null;
}
