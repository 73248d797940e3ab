import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DEFAULT_TIME_ZONE } from '@hotline/calendar';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, PageQuery, Roles, TenantDb, TenantDirectory, validate } from '@hotline/platform';
import { toArchiveView } from '../archive/archive.views';
import { historyOf } from '../follow-ups/follow-ups.repository';
import { toFollowUpView } from '../follow-ups/follow-ups.views';
import { listAwaitingJudgement } from './awaiting-judgement.query';
import { listAwaitingRevisit } from './awaiting-revisit.query';
import { judgeEvaluation } from './judge-evaluation.command';
import { recordAttempt } from './record-attempt.command';
import { recordRevisit } from './record-revisit.command';
import { redoCountsByUnit } from './revisits.repository';
import { JudgeEvaluationBody, judgementOf, parseWithRequestId, RecordAttemptBody, RecordRevisitBody } from './revisits.schemas';
import { toProgressView, toRedoCountView, toRevisitView } from './revisits.views';

@ApiTags('revisits')
@ApiBearerAuth()
@Controller('v1/revisits')
export class RevisitsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
    private readonly tenants: TenantDirectory,
  ) {}

  @Get('pending')
  @ApiZodQuery(PageQuery)
  @Roles('reviewer', 'agent', 'supervisor')
  async pending(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const page = validate(PageQuery, query, 'query');
    const requests = await this.db.run(who.tenantId, (m) => listAwaitingRevisit(m, page));
    return { items: requests.map(toProgressView), ...page };
  }

  /** Evaluations that did not close their request (不满意 or 未解决), waiting for the reviewer's 重办 judgement, longest waiting first. */
  @Get('awaiting-judgement')
  @ApiZodQuery(PageQuery)
  @Roles('reviewer', 'supervisor', 'tenant-admin')
  async awaitingJudgement(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const page = validate(PageQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => listAwaitingJudgement(m, page));
  }

  /** Records the requester's answers; the archive entry is null while the evaluation awaits a judgement. */
  @Post()
  @HttpCode(201)
  @ApiZodBody(RecordRevisitBody)
  @Roles('reviewer', 'agent')
  async record(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(RecordRevisitBody, body);
    const { revisit, archived } = await this.db.run(who.tenantId, (m) => recordRevisit(m, this.outbox, who, input));
    return { revisit: toRevisitView(revisit), archive: archived ? toArchiveView(archived) : null };
  }

  /** One attempt that reached nobody; the tenant's last allowed attempt closes the request unevaluated. */
  @Post(':requestId/attempts')
  @HttpCode(201)
  @ApiZodBody(RecordAttemptBody)
  @Roles('reviewer', 'agent')
  async attempt(@CurrentIdentity() who: Identity, @Param('requestId') requestId: string, @Body() body: unknown) {
    const parsed = parseWithRequestId(RecordAttemptBody, requestId, body);
    return this.db.run(who.tenantId, (m) => recordAttempt(m, this.outbox, who, parsed.requestId, parsed.input));
  }

  /**
   * 合理差评 or not: reasonable sends the primary order back for 重办, unreasonable closes the
   * request, follow-up (持续跟踪) closes it into a follow-up on the date given (`followUp`, else null).
   */
  @Post(':requestId/judgement')
  @HttpCode(200)
  @ApiZodBody(JudgeEvaluationBody)
  @Roles('reviewer')
  async judge(@CurrentIdentity() who: Identity, @Param('requestId') requestId: string, @Body() body: unknown) {
    const parsed = parseWithRequestId(JudgeEvaluationBody, requestId, body);
    // The tenant's zone bounds a follow-up date (after its today) and places its timer.
    const timeZone = (await this.tenants.find(who.tenantId))?.timeZone || DEFAULT_TIME_ZONE;
    return this.db.run(who.tenantId, async (m) => {
      const { revisit, archived, followUp } = await judgeEvaluation(m, this.outbox, who, parsed.requestId, judgementOf(parsed.input), timeZone);
      return {
        revisit: toRevisitView(revisit),
        archive: archived ? toArchiveView(archived) : null,
        followUp: followUp ? toFollowUpView(followUp, await historyOf(m, followUp.id)) : null,
      };
    });
  }

  /**
   * 重办 per unit: its evaluated requests, those sent back for 重办 (合理差评) at least once, and
   * 重办率 = redone / evaluated requests, as analytics defines it (null without evaluations); the
   * evaluation and redo rounds beside them.
   */
  @Get('redo-counts')
  @Roles('supervisor', 'tenant-admin', 'reviewer')
  async redoCounts(@CurrentIdentity() who: Identity) {
    const rows = await this.db.run(who.tenantId, (m) => redoCountsByUnit(m));
    return { items: rows.map(toRedoCountView) };
  }
}
