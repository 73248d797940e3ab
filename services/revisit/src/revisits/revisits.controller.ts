import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, PageQuery, Roles, TenantDb, validate } from '@hotline/platform';
import { toArchiveView } from '../archive/archive.views';
import { listAwaitingRevisit } from './awaiting-revisit.query';
import { judgeEvaluation } from './judge-evaluation.command';
import { recordAttempt } from './record-attempt.command';
import { recordRevisit } from './record-revisit.command';
import { redoCountsByUnit } from './revisits.repository';
import { JudgeEvaluationBody, parseWithRequestId, RecordAttemptBody, RecordRevisitBody } from './revisits.schemas';
import { toProgressView, toRedoCountView, toRevisitView } from './revisits.views';

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

  /** 合理差评 or not: reasonable sends the primary order back for 重办, unreasonable closes the request. */
  @Post(':requestId/judgement')
  @HttpCode(200)
  @ApiZodBody(JudgeEvaluationBody)
  @Roles('reviewer')
  async judge(@CurrentIdentity() who: Identity, @Param('requestId') requestId: string, @Body() body: unknown) {
    const parsed = parseWithRequestId(JudgeEvaluationBody, requestId, body);
    const { revisit, archived } = await this.db.run(who.tenantId, (m) => judgeEvaluation(m, this.outbox, who, parsed.requestId, parsed.input));
    return { revisit: toRevisitView(revisit), archive: archived ? toArchiveView(archived) : null };
  }

  /** 重办 per unit: evaluations of its answers, those sent back (合理差评) and 重办率 (null without evaluations). */
  @Get('redo-counts')
  @Roles('supervisor', 'tenant-admin', 'reviewer')
  async redoCounts(@CurrentIdentity() who: Identity) {
    const rows = await this.db.run(who.tenantId, (m) => redoCountsByUnit(m));
    return { items: rows.map(toRedoCountView) };
  }
}
