import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, PageQuery, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { findDispatch } from '../dispatching/dispatching.repository';
import { RequestIdParams } from '../dispatching/dispatching.schemas';
import { toDispatchView } from '../dispatching/dispatching.views';
import { escalateRequest } from './escalate-request.command';
import { EscalationEntity } from './escalation.entity';
import { EscalateBody } from './escalation.schemas';
import { toEscalationView } from './escalation.views';
import { listEscalations } from './escalations-list.query';

@ApiTags('dispatches')
@ApiBearerAuth()
@Controller('v1')
export class EscalationsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Post('dispatches/:requestId/escalation')
  @ApiOperation({ summary: 'Escalates a hard case (提级统筹) to a coordinating unit, which becomes the primary unit and cannot return it' })
  @ApiZodBody(EscalateBody)
  @Roles('dispatcher', 'supervisor')
  async escalate(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { requestId } = validate(RequestIdParams, params, 'path');
    const input = validate(EscalateBody, body);
    const { escalation, dispatch } = await this.db.run(who.tenantId, (m) => escalateRequest(m, this.outbox, who, requestId, input));
    return { escalation: toEscalationView(escalation), dispatch: toDispatchView(dispatch) };
  }

  @Get('dispatches/:requestId/escalations')
  @ApiOperation({ summary: 'The escalations of a request, oldest first' })
  @Roles('dispatcher', 'supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { requestId } = validate(RequestIdParams, params, 'path');
    const rows = await this.db.read(who.tenantId, async (m) => {
      if (!(await findDispatch(m, requestId))) throw ProblemError.notFound(`dispatch of request ${requestId}`);
      return m.getRepository(EscalationEntity).find({ where: { requestId }, order: { escalatedAt: 'ASC' } });
    });
    return { items: rows.map(toEscalationView) };
  }

  @Get('escalations')
  @ApiOperation({ summary: 'The tenant’s escalations (提级统筹) across requests, newest first, with the request’s brief fields and both units' })
  @ApiZodQuery(PageQuery)
  @Roles('dispatcher', 'supervisor', 'tenant-admin')
  async listAll(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const page = validate(PageQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => listEscalations(m, page));
  }
}
