import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_TIME_ZONE } from '@hotline/calendar';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, ProblemError, Roles, TenantDb, TenantDirectory, validate, fieldErrors } from '@hotline/platform';
import { FOLLOW_UP_READERS, FOLLOW_UP_REVISITERS } from '@hotline/revisit-domain';
import { UNIT_ROLES } from '@hotline/vocabulary';
import { toArchiveView } from '../archive/archive.views';
import { createFollowUp } from './create-follow-up.command';
import { findVisibleFollowUp, listVisibleFollowUps } from './follow-ups.query';
import { historyOf } from './follow-ups.repository';
import {
  CreateFollowUpBody,
  FollowUpId,
  ListFollowUpsQuery,
  parseWithFollowUpId,
  ReportProgressBody,
  RevisitFollowUpBody,
} from './follow-ups.schemas';
import { toFollowUpView } from './follow-ups.views';
import { reportProgress } from './report-progress.command';
import { revisitFollowUp } from './revisit-follow-up.command';

/** 持续跟踪: requests closed as not solvable now, followed up on a date by their unit and the hotline. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('v1/follow-ups')
export class FollowUpsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
    private readonly tenants: TenantDirectory,
  ) {}

  /** The tenant's time zone: its "today" bounds a follow-up date, and a date falls due at its start. */
  private async timeZoneOf(tenantId: string): Promise<string> {
    return (await this.tenants.find(tenantId))?.timeZone || DEFAULT_TIME_ZONE;
  }

  @Get()
  @ApiOperation({ summary: 'Follow-ups, soonest date first; unit staff see their own unit’s only' })
  @ApiZodQuery(ListFollowUpsQuery)
  @Roles(...FOLLOW_UP_READERS)
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListFollowUpsQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => listVisibleFollowUps(m, who, input));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One follow-up with its history of changes' })
  @Roles(...FOLLOW_UP_READERS)
  async get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const parsed = FollowUpId.safeParse(id);
    if (!parsed.success) throw ProblemError.validation(fieldErrors(parsed.error, 'id'));
    return this.db.run(who.tenantId, (m) => findVisibleFollowUp(m, who, parsed.data));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Close a request awaiting its revisit into a follow-up (its unit’s answer says it cannot be solved now)',
    description: 'The revisit is skipped with reason follow-up, the request closes (basis follow-up) and is archived with the follow-up.',
  })
  @ApiZodBody(CreateFollowUpBody)
  @Roles('reviewer')
  async create(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(CreateFollowUpBody, body);
    const timeZone = await this.timeZoneOf(who.tenantId);
    return this.db.run(who.tenantId, async (m) => {
      const { followUp, archived } = await createFollowUp(m, this.outbox, who, input, timeZone);
      return { followUp: toFollowUpView(followUp, await historyOf(m, followUp.id)), archive: toArchiveView(archived) };
    });
  }

  @Post(':id/progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'The follow-up’s unit reports its progress (when due, or before its date)' })
  @ApiZodBody(ReportProgressBody)
  @Roles(...UNIT_ROLES)
  async progress(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const parsed = parseWithFollowUpId(ReportProgressBody, id, body);
    return this.db.run(who.tenantId, async (m) => {
      const followUp = await reportProgress(m, this.outbox, who, parsed.id, parsed.input);
      return toFollowUpView(followUp, await historyOf(m, followUp.id));
    });
  }

  @Post(':id/revisit')
  @HttpCode(200)
  @ApiOperation({ summary: 'The hotline revisits a reported follow-up: ends it, or schedules it again with nextFollowUpOn' })
  @ApiZodBody(RevisitFollowUpBody)
  @Roles(...FOLLOW_UP_REVISITERS)
  async revisit(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const parsed = parseWithFollowUpId(RevisitFollowUpBody, id, body);
    const timeZone = await this.timeZoneOf(who.tenantId);
    return this.db.run(who.tenantId, async (m) => {
      const followUp = await revisitFollowUp(m, this.outbox, who, parsed.id, parsed.input, timeZone);
      return toFollowUpView(followUp, await historyOf(m, followUp.id));
    });
  }
}
