import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { requireJsonBody } from '../request-body';
import { putWarningPolicy } from './put-warning-policy.command';
import { loadWarningPolicy } from './warnings.repository';
import { PutWarningPolicyBody } from './warnings.schemas';

/** 红黄绿灯: the tenant's thresholds of the handling clock. */
@ApiTags('warnings')
@ApiBearerAuth()
@Controller('v1/warning-policy')
export class WarningsController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @Roles('tenant-admin', 'supervisor', 'dispatcher')
  async get(@CurrentIdentity() who: Identity) {
    return this.db.run(who.tenantId, (m) => loadWarningPolicy(m));
  }

  @Put()
  @ApiZodBody(PutWarningPolicyBody)
  @Roles('tenant-admin')
  async put(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutWarningPolicyBody, requireJsonBody(body));
    return this.db.run(who.tenantId, (m) => putWarningPolicy(m, who, input));
  }
}
