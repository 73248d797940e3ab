import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { WORK_ORDER_READERS } from '@hotline/handling-domain';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { UNIT_ROLES } from '@hotline/vocabulary';
import { answerWorkOrder } from './answer-work-order.command';
import { signWorkOrder } from './sign-work-order.command';
import { findVisibleWorkOrder, listVisibleWorkOrders } from './work-orders.query';
import { AnswerBody, ListWorkOrdersQuery } from './work-orders.schemas';
import { toWorkOrderView } from './work-orders.views';

@ApiTags('work-orders')
@ApiBearerAuth()
@Controller('v1/work-orders')
export class WorkOrdersController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Get()
  @ApiZodQuery(ListWorkOrdersQuery)
  @Roles(...WORK_ORDER_READERS)
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListWorkOrdersQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => listVisibleWorkOrders(m, who, input));
  }

  @Get(':id')
  @Roles(...WORK_ORDER_READERS)
  async get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return toWorkOrderView(await this.db.run(who.tenantId, (m) => findVisibleWorkOrder(m, who, id)));
  }

  @Post(':id/sign')
  @HttpCode(200)
  @Roles(...UNIT_ROLES)
  async sign(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return toWorkOrderView(await this.db.run(who.tenantId, (m) => signWorkOrder(m, this.outbox, who, id)));
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiZodBody(AnswerBody)
  @Roles(...UNIT_ROLES)
  async answer(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(AnswerBody, body);
    return toWorkOrderView(await this.db.run(who.tenantId, (m) => answerWorkOrder(m, this.outbox, who, id, input)));
  }
}
