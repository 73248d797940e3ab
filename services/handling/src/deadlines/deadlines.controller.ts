import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { requireJsonBody } from '../request-body';
import { computeDeadline } from './compute-deadline.query';
import { ComputeDeadlineBody } from './deadlines.schemas';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('v1/deadlines')
export class DeadlinesController {
  constructor(private readonly db: TenantDb) {}

  @Post('compute')
  @HttpCode(200)
  @ApiZodBody(ComputeDeadlineBody)
  @Roles('agent', 'dispatcher', 'unit-operator', 'unit-leader', 'unit-principal', 'supervisor', 'tenant-admin')
  compute(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    return computeDeadline(this.db, who.tenantId, validate(ComputeDeadlineBody, requireJsonBody(body)));
  }
}
