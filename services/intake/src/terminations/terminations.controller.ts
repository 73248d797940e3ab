import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TERMINATION_DECIDERS, TERMINATION_PROPOSERS } from '@hotline/intake-domain';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { Registrar } from '../requests/registrar';
import { findRequest } from '../requests/requests.repository';
import { RequestIdParam } from '../requests/requests.schemas';
import { decideTerminationCommand } from './decide-termination.commands';
import { proposeTermination } from './propose-termination.command';
import { listTerminations, terminationsOf } from './terminations.repository';
import { ListTerminationsQuery, ProposeTerminationBody, RefuseTerminationBody, TerminationIdParam } from './terminations.schemas';
import { toTerminationListView, toTerminationView } from './terminations.views';

/**
 * 诉求终结 (domain.md §11.3): hotline staff propose to terminate a request at any stage, with the
 * reason, evidence and the legal route the requester is told; a supervisor or the tenant's
 * administrator other than the proposer approves or refuses (two-person rule); the proposer may
 * withdraw. intake owns the status (ADR 0009), so the approval moves it to terminated here.
 */
@ApiTags('terminations')
@ApiBearerAuth()
@Controller('v1')
export class TerminationsController {
  constructor(
    private readonly db: TenantDb,
    private readonly registrar: Registrar,
  ) {}

  @Post('requests/:id/terminations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Propose to terminate a request (诉求终结); one open proposal per request, none for a closed one' })
  @ApiZodBody(ProposeTerminationBody)
  @Roles(...TERMINATION_PROPOSERS)
  async propose(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const requestId = validate(RequestIdParam, id, 'id');
    const input = validate(ProposeTerminationBody, body);
    return toTerminationView(await this.db.run(who.tenantId, (m) => proposeTermination(m, this.registrar.outbox, who, requestId, input)));
  }

  @Get('requests/:id/terminations')
  @ApiOperation({ summary: "A request's terminations, oldest first: every proposal and its decision" })
  @Roles(...TERMINATION_PROPOSERS)
  history(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const requestId = validate(RequestIdParam, id, 'id');
    return this.db.read(who.tenantId, async (m) => {
      if (!(await findRequest(m, requestId))) throw ProblemError.notFound('request');
      return { items: (await terminationsOf(m, requestId)).map(toTerminationView) };
    });
  }

  @Post('requests/:id/terminations/:terminationId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a termination (not its proposer): the request is terminated and its requester told the legal route' })
  @Roles(...TERMINATION_DECIDERS)
  approve(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('terminationId') terminationId: string) {
    return this.decide(who, id, terminationId, 'approve');
  }

  @Post('requests/:id/terminations/:terminationId/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a termination (not its proposer), with the reason: the request goes on' })
  @ApiZodBody(RefuseTerminationBody)
  @Roles(...TERMINATION_DECIDERS)
  refuse(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('terminationId') terminationId: string, @Body() body: unknown) {
    const { reason } = validate(RefuseTerminationBody, body);
    return this.decide(who, id, terminationId, 'refuse', reason);
  }

  @Post('requests/:id/terminations/:terminationId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw one’s own open termination proposal' })
  @Roles(...TERMINATION_PROPOSERS)
  withdraw(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('terminationId') terminationId: string) {
    return this.decide(who, id, terminationId, 'withdraw');
  }

  @Get('terminations')
  @ApiOperation({ summary: "The hotline's terminations, e.g. the approval queue (state=proposed, oldest first)" })
  @ApiZodQuery(ListTerminationsQuery)
  @Roles(...TERMINATION_PROPOSERS)
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListTerminationsQuery, query, 'query');
    const [items, total] = await this.db.read(who.tenantId, (m) => listTerminations(m, input));
    return { items: items.map(toTerminationListView), total, limit: input.limit, offset: input.offset };
  }

  private async decide(who: Identity, id: string, terminationId: string, action: 'approve' | 'refuse' | 'withdraw', reason?: string) {
    const requestId = validate(RequestIdParam, id, 'id');
    const termination = validate(TerminationIdParam, terminationId, 'terminationId');
    return toTerminationView(await this.db.run(who.tenantId, (m) => decideTerminationCommand(m, this.registrar, who, requestId, termination, action, reason)));
  }
}
