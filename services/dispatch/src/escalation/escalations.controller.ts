import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Outbox, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { findDispatch } from '../dispatching/dispatching.repository';
import { RequestIdParams } from '../dispatching/dispatching.schemas';
import { toDispatchView } from '../dispatching/dispatching.views';
import { escalateRequest } from './escalate-request.command';
import { EscalationEntity } from './escalation.entity';
import { EscalateBody } from './escalation.schemas';

const toEscalationView = (e: EscalationEntity) => ({
  id: e.id,
  requestId: e.requestId,
  attempt: e.attempt,
  fromUnitId: e.fromUnitId,
  toUnitId: e.toUnitId,
  reason: e.reason,
  escalatedBy: e.escalatedBy,
  escalatedAt: e.escalatedAt.toISOString(),
});

@ApiTags('dispatches')
@ApiBearerAuth()
@Controller('v1/dispatches/:requestId')
export class EscalationsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Post('escalation')
  @ApiOperation({ summary: 'Escalates a hard case (提级统筹) to a coordinating unit, which becomes the primary unit and cannot return it' })
  @ApiZodBody(EscalateBody)
  @Roles('dispatcher', 'supervisor')
  async escalate(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { requestId } = validate(RequestIdParams, params, 'path');
    const input = validate(EscalateBody, body);
    const { escalation, dispatch } = await this.db.run(who.tenantId, (m) => escalateRequest(m, this.outbox, who, requestId, input));
    return { escalation: toEscalationView(escalation), dispatch: toDispatchView(dispatch) };
  }

  @Get('escalations')
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
}
