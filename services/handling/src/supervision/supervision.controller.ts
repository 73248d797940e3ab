import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SUPERVISORS, WORK_ORDER_READERS } from '@hotline/handling-domain';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { UNIT_ROLES } from '@hotline/vocabulary';
import { requireJsonBody } from '../request-body';
import { closeSupervision } from './close-supervision.command';
import { openSupervision } from './open-supervision.command';
import { replySupervision } from './reply-supervision.command';
import { findVisibleSupervision, supervisionPage } from './supervision.query';
import { CloseSupervisionBody, ListSupervisionsQuery, OpenSupervisionBody, ReplySupervisionBody } from './supervision.schemas';
import { toSupervisionView } from './supervision.views';

/** 督办: supervisors open orders on a unit's work, the unit replies by a due, the hotline closes them. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('v1/supervision-orders')
export class SupervisionController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Get()
  @ApiOperation({ summary: '督办 orders the caller may see (the hotline: all; a unit: its own), newest first' })
  @ApiZodQuery(ListSupervisionsQuery)
  @Roles(...WORK_ORDER_READERS)
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(ListSupervisionsQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => supervisionPage(m, who, q));
  }

  @Get(':id')
  @Roles(...WORK_ORDER_READERS)
  async get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return toSupervisionView(await this.db.run(who.tenantId, (m) => findVisibleSupervision(m, who, id)));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Open a 督办 order on a work order, with its source, instruction and reply limit (working days, default 3)' })
  @ApiZodBody(OpenSupervisionBody)
  @Roles(...SUPERVISORS)
  async open(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(OpenSupervisionBody, requireJsonBody(body));
    return toSupervisionView(await this.db.run(who.tenantId, (m) => openSupervision(m, this.outbox, who, input)));
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiZodBody(ReplySupervisionBody)
  @Roles(...UNIT_ROLES)
  async reply(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(ReplySupervisionBody, requireJsonBody(body));
    return toSupervisionView(await this.db.run(who.tenantId, (m) => replySupervision(m, this.outbox, who, id, input)));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiZodBody(CloseSupervisionBody)
  @Roles(...SUPERVISORS)
  async close(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(CloseSupervisionBody, requireJsonBody(body));
    return toSupervisionView(await this.db.run(who.tenantId, (m) => closeSupervision(m, this.outbox, who, id, input)));
  }
}
