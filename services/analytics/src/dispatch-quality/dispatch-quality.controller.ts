import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { firstDispatches, returnReasons, tenantAttempts, unitAttempts } from './dispatch-quality.repository';
import { DispatchQualityQuery, DispatchQualityQueryShape } from './dispatch-quality.schemas';
import { dispatchQualityView } from './dispatch-quality.views';

const DESCRIPTION =
  'Dispatch attempts made within from..to (inclusive local days in the tenant’s time zone, Asia/Shanghai until known), from dispatch\'s RequestDispatched, ' +
  'ReturnFiled and ReturnDecided; a return counts with the attempt it returned. total = the tenant; units = one row per ' +
  'primary (主办) unit. attempts = dispatches received; redispatches = attempts after the first by a dispatcher (改派); ' +
  'designated = attempts designated (指定办理) after the tenant\'s maximum; escalations = attempts that took the request up ' +
  'to a coordinating unit (提级统筹, mode escalated); returnsFiled = returnsAccepted + returnsRejected + ' +
  'returnsInReview; returnRate (退单率) = returnsFiled / attempts; acceptedReturnRate = returnsAccepted / attempts; ' +
  'dispatchAccuracy (派单准确率) = first dispatches whose return was not accepted / first dispatches, also by mode ' +
  '(catalog, manual). Rates are null when the denominator is 0, rounded to 4 decimals.';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('v1/metrics')
export class DispatchQualityController {
  constructor(private readonly db: TenantDb) {}

  @Get('dispatch-quality')
  @ApiOperation({ summary: 'Returns, re-dispatches, designations and dispatch accuracy, per unit and for the tenant', description: DESCRIPTION })
  @ApiZodQuery(DispatchQualityQueryShape)
  @Roles('supervisor', 'tenant-admin')
  async dispatchQuality(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(DispatchQualityQuery, query, 'query');
    return this.db.run(who.tenantId, async (m) =>
      dispatchQualityView(q, await tenantAttempts(m, q), await unitAttempts(m, q), await firstDispatches(m, q), await returnReasons(m, q)),
    );
  }
}
