import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UNKNOWN_KEY } from '@hotline/analytics-domain';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { rateRequests } from './rate-requests.query';
import { RateRequestsQuery, RateRequestsQueryShape } from './rate-requests.schemas';
import { rateRequestsView } from './rate-requests.views';

const DESCRIPTION =
  'The facts behind one cell of /v1/metrics/rates (drill-down), counted from the same facts and the tenant’s rate settings ' +
  'as the rate: rate=response lists work orders (a request with two orders is listed twice), resolution and satisfaction ' +
  'each request’s latest revisit. A cell is the unit, category and area given (each optional; ' +
  `${UNKNOWN_KEY} for facts without one), of requests received within from..to (inclusive local days; a day, week or month ` +
  'cell is its days). outcome=denominator lists what the denominator counts (responseDenominator, revisits, validEvaluations), ' +
  'numerator what the numerator counts (signed on time; 解决 and, at a weight above 0, 部分解决; 满意 and, at a weight above 0, ' +
  '基本满意), excluded the cell’s facts the denominator leaves out with why (excludedBecause: terminated, not-due-yet, ' +
  'cancelled-before-due, skipped, unrated, unreasonable). figures: numerator (weighted, as the rate row’s), denominator, ' +
  'rate, numeratorFacts, excluded. Each item: request id and number (流水号; null for a request stored before numbers were ' +
  'kept), receipt, work order (response only), unit, category, area, result (sign-for result, resolution or satisfaction, ' +
  'unrated, skipped), counted (in the denominator), weight (its share of the numerator) and excludedBecause; receipt order, ' +
  'paged by limit/offset with total. No requester data.';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('v1/metrics/rates/requests')
export class RateRequestsController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiOperation({ summary: 'The requests behind one cell of a rate (response, resolution, satisfaction)', description: DESCRIPTION })
  @ApiZodQuery(RateRequestsQueryShape)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(RateRequestsQuery, query, 'query');
    return rateRequestsView(q, await rateRequests(this.db, who.tenantId, q));
  }
}
