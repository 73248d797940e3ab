import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLEAR_TEXT_READERS, WORK_ORDER_READERS } from '@hotline/handling-domain';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, PiiCipher, Roles, TenantDb, validate } from '@hotline/platform';
import { UNIT_ROLES } from '@hotline/vocabulary';
import { assistingInputsFor } from '../co-handling/assisting-inputs.query';
import { ClearReadQuery } from '../pii-access/pii-access.schemas';
import { requireJsonBody } from '../request-body';
import { answerWorkOrder } from './answer-work-order.command';
import { readAnswerInClear } from './read-answer-in-clear.query';
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
    private readonly cipher: PiiCipher,
  ) {}

  @Get()
  @ApiZodQuery(ListWorkOrdersQuery)
  @Roles(...WORK_ORDER_READERS)
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListWorkOrdersQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => listVisibleWorkOrders(m, who, input));
  }

  /** The order; a lead order with what its assisting units gave or still owe (assistingInputs). */
  @Get(':id')
  @Roles(...WORK_ORDER_READERS)
  async get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return this.db.run(who.tenantId, async (m) => {
      const order = await findVisibleWorkOrder(m, who, id);
      return { ...toWorkOrderView(order), assistingInputs: await assistingInputsFor(m, order) };
    });
  }

  /** The answer, basis and contact record in clear, with the purpose of the read; every disclosure is recorded (GET /v1/pii-access-log). */
  @Get(':id/clear')
  @ApiZodQuery(ClearReadQuery)
  @Roles(...CLEAR_TEXT_READERS)
  async clear(@CurrentIdentity() who: Identity, @Param('id') id: string, @Query() query: unknown) {
    const { purpose } = validate(ClearReadQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => readAnswerInClear(m, this.cipher, who, id, purpose));
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
    const input = validate(AnswerBody, requireJsonBody(body));
    return toWorkOrderView(await this.db.run(who.tenantId, (m) => answerWorkOrder(m, this.outbox, this.cipher, who, id, input)));
  }
}
