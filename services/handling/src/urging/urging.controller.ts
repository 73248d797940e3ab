import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { URGERS, WORK_ORDER_READERS } from '@hotline/handling-domain';
import { ApiZodBody, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { requireJsonBody } from '../request-body';
import { putUrgingPolicy } from './put-urging-policy.command';
import { urgeWorkOrder } from './urge-work-order.command';
import { urgesOfWorkOrder } from './urging.query';
import { loadUrgingPolicy } from './urging.repository';
import { PutUrgingPolicyBody, UrgeWorkOrderBody } from './urging.schemas';
import { toUrgeView } from './urging.views';

/** 催办: the hotline urges units by hand; the ladder (notice, circular) runs on timers by the tenant's policy. */
@ApiTags('urging')
@ApiBearerAuth()
@Controller('v1')
export class UrgingController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Get('work-orders/:id/urges')
  @ApiOperation({ summary: "The order's urges (reminders, the urging notice, the circular), oldest first" })
  @Roles(...WORK_ORDER_READERS)
  async list(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return this.db.run(who.tenantId, (m) => urgesOfWorkOrder(m, who, id));
  }

  @Post('work-orders/:id/urges')
  @HttpCode(201)
  @ApiOperation({ summary: 'Urge the unit of an open order (催办), by phone or in writing' })
  @ApiZodBody(UrgeWorkOrderBody)
  @Roles(...URGERS)
  async urge(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(UrgeWorkOrderBody, requireJsonBody(body));
    return toUrgeView(await this.db.run(who.tenantId, (m) => urgeWorkOrder(m, this.outbox, who, id, input)));
  }

  @Get('urging-policy')
  @Roles('tenant-admin', 'supervisor', 'dispatcher')
  async policy(@CurrentIdentity() who: Identity) {
    return this.db.run(who.tenantId, (m) => loadUrgingPolicy(m));
  }

  @Put('urging-policy')
  @ApiZodBody(PutUrgingPolicyBody)
  @Roles('tenant-admin')
  async putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutUrgingPolicyBody, requireJsonBody(body));
    return this.db.run(who.tenantId, (m) => putUrgingPolicy(m, who, input));
  }
}
