import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { UNIT_ROLES } from '@hotline/vocabulary';
import { RequestIdParams } from '../dispatching/dispatching.schemas';
import { decideReturn } from './decide-return.command';
import { fileReturn } from './file-return.command';
import { putReturnPolicy } from './put-return-policy.command';
import { loadReturnPolicy } from './return-policy.query';
import { listReturns } from './returns-list.query';
import { returnsOfRequestFor } from './returns-of-request.query';
import { DecideReturnBody, FileReturnBody, ListReturnsQuery, PutReturnPolicyBody, ReturnIdParams } from './returns.schemas';
import { toReturnView } from './returns.views';

/** 退单: the primary unit returns, the hotline decides (争议审核); the tenant sets the window. */
@ApiTags('returns')
@ApiBearerAuth()
@Controller('v1')
export class ReturnsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Post('dispatches/:requestId/returns')
  @HttpCode(201)
  @ApiZodBody(FileReturnBody)
  @Roles(...UNIT_ROLES)
  async file(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { requestId } = validate(RequestIdParams, params, 'path');
    const input = validate(FileReturnBody, body);
    return toReturnView(await this.db.run(who.tenantId, (m) => fileReturn(m, this.outbox, who, requestId, input)));
  }

  /** Every return of the request, each with its decision; a unit's staff see those their unit filed. */
  @Get('dispatches/:requestId/returns')
  @Roles('dispatcher', 'supervisor', 'tenant-admin', ...UNIT_ROLES)
  async list(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { requestId } = validate(RequestIdParams, params, 'path');
    const rows = await this.db.read(who.tenantId, (m) => returnsOfRequestFor(m, who, requestId));
    return { items: rows.map(toReturnView) };
  }

  /** The tenant's returns across requests with their requests' brief fields: in review oldest first. */
  @Get('returns')
  @ApiOperation({ summary: 'The tenant’s returns (退单) across requests, of one status when given; in review oldest first, decided latest decision first' })
  @ApiZodQuery(ListReturnsQuery)
  @Roles('dispatcher', 'supervisor', 'tenant-admin')
  async listAll(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(ListReturnsQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => listReturns(m, q));
  }

  @Post('returns/:returnId/decision')
  @HttpCode(200)
  @ApiZodBody(DecideReturnBody)
  @Roles('dispatcher', 'supervisor')
  async decide(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { returnId } = validate(ReturnIdParams, params, 'path');
    const input = validate(DecideReturnBody, body);
    return toReturnView(await this.db.run(who.tenantId, (m) => decideReturn(m, this.outbox, who, returnId, input)));
  }

  @Get('return-policy')
  @Roles('tenant-admin', 'supervisor', 'dispatcher')
  async policy(@CurrentIdentity() who: Identity) {
    return this.db.read(who.tenantId, (m) => loadReturnPolicy(m));
  }

  @Put('return-policy')
  @ApiZodBody(PutReturnPolicyBody)
  @Roles('tenant-admin')
  async putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutReturnPolicyBody, body);
    return this.db.run(who.tenantId, (m) => putReturnPolicy(m, who.tenantId, who.subject, input));
  }
}
