import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WORK_ORDER_READERS } from '@hotline/handling-domain';
import { ApiZodBody, CurrentIdentity, Identity, Outbox, PiiCipher, Roles, TenantDb, validate } from '@hotline/platform';
import { UNIT_ROLES, UNIT_SIGNERS } from '@hotline/vocabulary';
import { requireJsonBody } from '../request-body';
import { toWorkOrderView } from '../work-orders/work-orders.views';
import { AnswerBody } from '../work-orders/work-orders.schemas';
import { draftOf, returnAnswerDraft, signOffAnswer, submitAnswerDraft } from './answer-drafts.commands';
import { loadSignOffPolicy, saveSignOffPolicy } from './sign-off.repository';
import { PutSignOffPolicyBody, ReturnDraftBody } from './sign-off.schemas';
import { toDraftView } from './sign-off.views';

/** 审签: where the tenant requires it, an operator's answer leaves the unit only with its leader's sign-off (a 重件's with its principal's). */
@ApiTags('sign-off')
@ApiBearerAuth()
@Controller('v1')
export class SignOffController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
    private readonly cipher: PiiCipher,
  ) {}

  @Get('sign-off-policy')
  @Roles('tenant-admin', 'supervisor', 'dispatcher', ...UNIT_ROLES)
  async policy(@CurrentIdentity() who: Identity) {
    return this.db.run(who.tenantId, (m) => loadSignOffPolicy(m));
  }

  @Put('sign-off-policy')
  @ApiZodBody(PutSignOffPolicyBody)
  @Roles('tenant-admin')
  async putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutSignOffPolicyBody, requireJsonBody(body));
    return this.db.run(who.tenantId, async (m) => {
      await saveSignOffPolicy(m, { tenantId: who.tenantId, ...input, importantUrgencies: [...new Set(input.importantUrgencies)], updatedAt: new Date(), updatedBy: who.subject });
      return loadSignOffPolicy(m);
    });
  }

  @Get('work-orders/:id/answer-draft')
  @Roles(...WORK_ORDER_READERS)
  async draft(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return toDraftView(await this.db.run(who.tenantId, (m) => draftOf(m, who, id)));
  }

  @Post('work-orders/:id/answer-draft')
  @HttpCode(201)
  @ApiOperation({ summary: "Draft the answer for the unit leader's sign-off (where the tenant requires it); a new draft replaces the last" })
  @ApiZodBody(AnswerBody)
  @Roles(...UNIT_ROLES)
  async submit(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(AnswerBody, requireJsonBody(body));
    return toDraftView(await this.db.run(who.tenantId, (m) => submitAnswerDraft(m, this.cipher, who, id, input)));
  }

  @Post('work-orders/:id/answer-draft/sign-off')
  @HttpCode(200)
  @ApiOperation({ summary: 'The unit leader (for a 重件 its principal) signs the draft off: it becomes the answer (the clock stops now) and goes to review' })
  @Roles(...UNIT_SIGNERS)
  async signOff(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return toWorkOrderView(await this.db.run(who.tenantId, (m) => signOffAnswer(m, this.outbox, who, id)));
  }

  @Post('work-orders/:id/answer-draft/return')
  @HttpCode(200)
  @ApiZodBody(ReturnDraftBody)
  @Roles(...UNIT_SIGNERS)
  async returnDraft(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(ReturnDraftBody, requireJsonBody(body));
    return toDraftView(await this.db.run(who.tenantId, (m) => returnAnswerDraft(m, who, id, input)));
  }
}
