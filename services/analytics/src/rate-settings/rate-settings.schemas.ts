import { z } from 'zod';

const weight = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

/** PUT /v1/rate-settings: how the tenant's rates are computed (every field required, as GET returns them). */
export const RateSettingsBody = z
  .object({
    basicallySatisfiedWeight: weight.describe('What one 基本满意 counts for in the 满意率 numerator (w2 of domain.md §9.3); default 1'),
    partlyResolvedWeight: weight.describe('What one 部分解决 counts for in the 解决率 numerator; default 0'),
    excludeTerminated: z.boolean().describe('Leave the orders and evaluations of terminated requests (诉求终结) out of the rates; default true'),
    excludeUnreasonableEvaluations: z.boolean().describe('Leave evaluations judged unreasonable (不合理差评) out of the 满意率 denominator; default true'),
  })
  .strict();
export type RateSettingsBody = z.infer<typeof RateSettingsBody>;
