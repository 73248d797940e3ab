import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, PageQuery, Roles, TenantDb, validate } from '@hotline/platform';
import { toArchiveView } from '../archive/archive.views';
import { listAwaitingRevisit } from './awaiting-revisit.query';
import { recordRevisit } from './record-revisit.command';
import { RecordRevisitBody } from './revisits.schemas';
import { toProgressView, toRevisitView } from './revisits.views';

@ApiTags('revisits')
@ApiBearerAuth()
@Controller('v1/revisits')
export class RevisitsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Get('pending')
  @ApiZodQuery(PageQuery)
  @Roles('reviewer', 'agent', 'supervisor')
  async pending(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const page = validate(PageQuery, query, 'query');
    const requests = await this.db.run(who.tenantId, (m) => listAwaitingRevisit(m, page));
    return { items: requests.map(toProgressView), ...page };
  }

  @Post()
  @HttpCode(201)
  @ApiZodBody(RecordRevisitBody)
  @Roles('reviewer', 'agent')
  async record(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(RecordRevisitBody, body);
    const { revisit, archived } = await this.db.run(who.tenantId, (m) => recordRevisit(m, this.outbox, who, input));
    return { revisit: toRevisitView(revisit), archive: toArchiveView(archived) };
  }
}
