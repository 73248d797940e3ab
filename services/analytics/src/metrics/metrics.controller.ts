import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RATE_GROUPINGS } from '@hotline/analytics-domain';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { rateRows } from './rates-query';
import { countStages } from './stage-counts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const inOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const orderMessage = { message: 'must not be before from', path: ['to'] };

const StagesQuery = z.object({ from: day.optional(), to: day.optional() }).strict();
const RatesQuery = z
  .object({
    groupBy: z.enum(RATE_GROUPINGS),
    from: day.optional(),
    to: day.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();

const RATES_DESCRIPTION = `Rates by unit, category or receipt day (requests received within from..to, inclusive local days). \
A rate is null when its denominator is 0, otherwise rounded to 4 decimals. \
responseRate (响应率) = signedOnTime / workOrders (work orders signed before their sign-for due / work orders created). \
onTimeAnswerRate = answeredOnTime / answered (work orders whose latest answer came before the handling due / work orders answered). \
avgHandlingWorkingHours = mean over answered work orders of the working hours from creation to the latest answer. \
resolutionRate (解决率) = resolved / revisits (latest revisit of each request with resolved = true / revisits recorded). \
satisfactionRate (满意率) = satisfiedOrBasicallySatisfied / revisits (satisfied or basically-satisfied / revisits recorded). \
Revisits count for the unit whose answer was evaluated (groupBy=unit), otherwise for their request's category or receipt day.`;

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('v1/metrics')
export class MetricsController {
  constructor(private readonly db: TenantDb) {}

  @Get('stages')
  @ApiOperation({
    summary: 'Requests by current stage',
    description:
      'count = requests received within from..to (inclusive local days, Asia/Shanghai) whose current stage is the row\'s stage; ' +
      'stages are the request statuses of docs/lifecycle.md plus closed-at-intake (直接办理) and not-accepted. total = sum of counts.',
  })
  @ApiZodQuery(StagesQuery)
  @Roles('supervisor', 'tenant-admin')
  async stages(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const { from, to } = validate(StagesQuery.refine(inOrder, orderMessage), query, 'query');
    const items = await this.db.run(who.tenantId, (m) => countStages(m, from, to));
    return { from: from ?? null, to: to ?? null, total: items.reduce((sum, i) => sum + i.count, 0), items };
  }

  @Get('rates')
  @ApiOperation({ summary: 'Response, on-time, resolution and satisfaction rates', description: RATES_DESCRIPTION })
  @ApiZodQuery(RatesQuery)
  @Roles('supervisor', 'tenant-admin')
  async rates(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const { groupBy, from, to, limit, offset } = validate(RatesQuery.refine(inOrder, orderMessage), query, 'query');
    const rows = await this.db.run(who.tenantId, (m) => rateRows(m, groupBy, from, to));
    return { groupBy, from: from ?? null, to: to ?? null, total: rows.length, limit, offset, items: rows.slice(offset, offset + limit) };
  }
}
