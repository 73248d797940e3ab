import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RELEASERS } from '@hotline/handling-domain';
import { ApiZodBody, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { requireJsonBody } from '../request-body';
import { toWorkOrderView } from '../work-orders/work-orders.views';
import { ReleaseAssistingOrderBody } from './co-handling.schemas';
import { releaseAssistingOrder } from './release-assisting-order.command';

/** Co-handling (主办/协办): the assisting units answer into the lead's order; the hotline may release one (ADR 0026). */
@ApiTags('work-orders')
@ApiBearerAuth()
@Controller('v1/work-orders')
export class CoHandlingController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release an assisting unit that owes its input, so the lead can answer (cancelled, reason released)' })
  @ApiZodBody(ReleaseAssistingOrderBody)
  @Roles(...RELEASERS)
  async release(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(ReleaseAssistingOrderBody, requireJsonBody(body));
    return toWorkOrderView(await this.db.run(who.tenantId, (m) => releaseAssistingOrder(m, this.outbox, who, id, input)));
  }
}
