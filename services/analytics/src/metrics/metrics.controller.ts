import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { describeRates } from '@hotline/analytics-domain';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { rateFigures } from './rates.query';
import { RatesQuery, RatesQueryShape, StatusesQuery, StatusesQueryShape } from './metrics.schemas';
import { ratesView, statusesView } from './metrics.views';
import { statusFigures } from './statuses.query';

const STATUSES_DESCRIPTION =
  'Requests received within from..to (inclusive local days in the tenant’s time zone, Asia/Shanghai until known) by their current status, as intake last ' +
  'published it (RequestStatusChanged): items = every request status in lifecycle order with its count, zeros included; ' +
  'total = sum of counts; directAnswers = requests among them answered directly at intake (直接办理), which are closed ' +
  '(or archived later) like any other closed request; terminated = requests among them terminated (诉求终结), whatever ' +
  'their status since (a terminated request is archived later), and terminationReasons = every termination reason of ' +
  'the vocabulary with its count (a termination whose RequestTerminated has not arrived yet is in terminated only). ' +
  'Requests whose first status has not reached analytics are not counted.';

const RATES_DESCRIPTION =
  'Rates by unit, category, area (the request’s division code), receipt day, ISO week (YYYY-Www) or month (YYYY-MM) of ' +
  'requests received within from..to (inclusive local days; a week or month at an edge of the range counts only its ' +
  'days inside it). A rate is null when its denominator is 0, otherwise rounded to 4 decimals; every denominator is in ' +
  'the row. basis = the tenant’s rate settings the figures were computed with (/v1/rate-settings). ' +
  `${describeRates()} ` +
  'workOrders = orders created; cancelled = orders cancelled (counted in a rate only if its due passed before the ' +
  'cancellation). Revisits count for the unit whose answer was evaluated (groupBy=unit), otherwise for their ' +
  "request's category, area or receipt day.";

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('v1/metrics')
export class MetricsController {
  constructor(private readonly db: TenantDb) {}

  @Get('statuses')
  @ApiOperation({ summary: 'Requests by current status', description: STATUSES_DESCRIPTION })
  @ApiZodQuery(StatusesQueryShape)
  @Roles('supervisor', 'tenant-admin')
  async statuses(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(StatusesQuery, query, 'query');
    return statusesView(q, await statusFigures(this.db, who.tenantId, q));
  }

  @Get('stages')
  @ApiOperation({ summary: 'Requests by current status (former name of /v1/metrics/statuses)', description: STATUSES_DESCRIPTION, deprecated: true })
  @ApiZodQuery(StatusesQueryShape)
  @Roles('supervisor', 'tenant-admin')
  stages(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    return this.statuses(who, query);
  }

  @Get('rates')
  @ApiOperation({ summary: 'Response, on-time answer, resolution, satisfaction, redo, revisit and on-time completion rates', description: RATES_DESCRIPTION })
  @ApiZodQuery(RatesQueryShape)
  @Roles('supervisor', 'tenant-admin')
  async rates(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(RatesQuery, query, 'query');
    const { basis, rows } = await rateFigures(this.db, who.tenantId, q);
    return ratesView(q, basis, rows);
  }
}
