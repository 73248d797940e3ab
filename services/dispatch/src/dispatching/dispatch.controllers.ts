import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { AssignBody, assignWaiting, ListQueueQuery, listWaiting, RequestIdParams } from './dispatch-queue';
import { findDispatch, toDispatchView } from './dispatching';

@ApiTags('dispatch queue')
@ApiBearerAuth()
@Controller('v1/dispatch-queue')
export class DispatchQueueController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Get()
  @ApiZodQuery(ListQueueQuery)
  @Roles('dispatcher', 'supervisor')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const { limit, offset } = validate(ListQueueQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => listWaiting(m, limit, offset));
  }

  @Post(':requestId/assign')
  @HttpCode(200)
  @ApiZodBody(AssignBody)
  @Roles('dispatcher')
  async assign(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { requestId } = validate(RequestIdParams, params, 'path');
    const input = validate(AssignBody, body);
    const dispatch = await this.db.run(who.tenantId, (m) => assignWaiting(m, this.outbox, who.tenantId, requestId, who.subject, input));
    return toDispatchView(dispatch);
  }
}

@ApiTags('dispatches')
@ApiBearerAuth()
@Controller('v1/dispatches')
export class DispatchesController {
  constructor(private readonly db: TenantDb) {}

  @Get(':requestId')
  @Roles('dispatcher', 'supervisor', 'tenant-admin')
  async get(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { requestId } = validate(RequestIdParams, params, 'path');
    const dispatch = await this.db.run(who.tenantId, (m) => findDispatch(m, requestId));
    if (!dispatch) throw ProblemError.notFound(`dispatch of request ${requestId}`);
    return toDispatchView(dispatch);
  }
}
