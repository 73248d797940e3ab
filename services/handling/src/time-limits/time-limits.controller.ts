import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { requireJsonBody } from '../request-body';
import { putTimeLimits } from './put-time-limits.command';
import { effectiveTimeLimitTable } from './time-limits.query';
import { PutTimeLimitsBody } from './time-limits.schemas';
import { toTimeLimitsView } from './time-limits.views';

@ApiTags('time-limits')
@ApiBearerAuth()
@Controller('v1/time-limits')
export class TimeLimitsController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @Roles('tenant-admin', 'supervisor', 'dispatcher')
  async get(@CurrentIdentity() who: Identity) {
    return toTimeLimitsView(await this.db.run(who.tenantId, (m) => effectiveTimeLimitTable(m)));
  }

  @Put()
  @ApiZodBody(PutTimeLimitsBody)
  @Roles('tenant-admin')
  async put(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutTimeLimitsBody, requireJsonBody(body));
    return toTimeLimitsView(await this.db.run(who.tenantId, (m) => putTimeLimits(m, who.tenantId, input)));
  }
}
