import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { assignWaitingRequest } from './assign-waiting-request.command';
import { waitingRequests } from './dispatch-queue.query';
import { AssignBody, ListQueueQuery, RequestIdParams } from './dispatching.schemas';
import { toDispatchView } from './dispatching.views';

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
    const page = validate(ListQueueQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => waitingRequests(m, page));
  }

  @Post(':requestId/assign')
  @HttpCode(200)
  @ApiZodBody(AssignBody)
  @Roles('dispatcher')
  async assign(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { requestId } = validate(RequestIdParams, params, 'path');
    const input = validate(AssignBody, body);
    const dispatch = await this.db.run(who.tenantId, (m) =>
      assignWaitingRequest(m, this.outbox, who.tenantId, requestId, who.subject, input),
    );
    return toDispatchView(dispatch);
  }
}
