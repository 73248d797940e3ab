import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { computeDeadline, ComputeDeadlineBody } from './deadlines';

@Controller('v1/deadlines')
export class DeadlinesController {
  constructor(private readonly db: TenantDb) {}

  @Post('compute')
  @HttpCode(200)
  @Roles('agent', 'dispatcher', 'unit-operator', 'unit-leader', 'supervisor', 'tenant-admin')
  compute(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    return computeDeadline(this.db, who.tenantId, validate(ComputeDeadlineBody, body));
  }
}
