import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { answerWorkOrder, AnswerBody, signWorkOrder } from './unit-actions';
import { findVisibleWorkOrder, listWorkOrders, ListWorkOrdersQuery, toWorkOrderView } from './work-orders';

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
  @Roles('unit-operator', 'unit-leader', 'dispatcher', 'supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListWorkOrdersQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => listWorkOrders(m, who, input));
  }

  @Get(':id')
  @Roles('unit-operator', 'unit-leader', 'dispatcher', 'supervisor', 'tenant-admin')
  async get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return toWorkOrderView(await this.db.run(who.tenantId, (m) => findVisibleWorkOrder(m, who, id)));
  }

  @Post(':id/sign')
  @HttpCode(200)
  @Roles('unit-operator', 'unit-leader')
  async sign(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return toWorkOrderView(await this.db.run(who.tenantId, (m) => signWorkOrder(m, this.outbox, who, id)));
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiZodBody(AnswerBody)
  @Roles('unit-operator', 'unit-leader')
  async answer(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(AnswerBody, body);
    return toWorkOrderView(await this.db.run(who.tenantId, (m) => answerWorkOrder(m, this.outbox, who, id, input)));
  }
}
