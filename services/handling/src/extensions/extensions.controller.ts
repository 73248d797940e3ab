import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EXTENSION_DECIDERS, WORK_ORDER_READERS } from '@hotline/handling-domain';
import { ApiZodBody, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { UNIT_ROLES } from '@hotline/vocabulary';
import { requireJsonBody } from '../request-body';
import { askExtension } from './ask-extension.command';
import { clockHistory } from './clock-history.query';
import { decideExtension, ExtensionDecision } from './decide-extension.command';
import { loadExtensionPolicy } from './extensions.repository';
import { AskExtensionBody, DecideExtensionBody, PutExtensionPolicyBody } from './extensions.schemas';
import { toExtensionView } from './extensions.views';
import { putExtensionPolicy } from './put-extension-policy.command';

/** 延期: a unit asks, the hotline decides; the tenant sets the limits. */
@ApiTags('extensions')
@ApiBearerAuth()
@Controller('v1')
export class ExtensionsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  /** The original handling due, every extension asked and who decided it, and the due now. */
  @Get('work-orders/:id/extensions')
  @Roles(...WORK_ORDER_READERS)
  async history(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return this.db.run(who.tenantId, (m) => clockHistory(m, who, id));
  }

  @Post('work-orders/:id/extensions')
  @HttpCode(201)
  @ApiZodBody(AskExtensionBody)
  @Roles(...UNIT_ROLES)
  async ask(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(AskExtensionBody, requireJsonBody(body));
    return toExtensionView(await this.db.run(who.tenantId, (m) => askExtension(m, this.outbox, who, id, input)));
  }

  @Post('work-orders/:id/extensions/:extensionId/approve')
  @HttpCode(200)
  @ApiZodBody(DecideExtensionBody)
  @Roles(...EXTENSION_DECIDERS)
  async approve(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('extensionId') extensionId: string, @Body() body: unknown) {
    return this.decide(who, id, extensionId, 'approve', body);
  }

  @Post('work-orders/:id/extensions/:extensionId/refuse')
  @HttpCode(200)
  @ApiZodBody(DecideExtensionBody)
  @Roles(...EXTENSION_DECIDERS)
  async refuse(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('extensionId') extensionId: string, @Body() body: unknown) {
    return this.decide(who, id, extensionId, 'refuse', body);
  }

  @Get('extension-policy')
  @Roles('tenant-admin', 'supervisor', 'dispatcher')
  async policy(@CurrentIdentity() who: Identity) {
    return this.db.run(who.tenantId, (m) => loadExtensionPolicy(m));
  }

  @Put('extension-policy')
  @ApiZodBody(PutExtensionPolicyBody)
  @Roles('tenant-admin')
  async putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutExtensionPolicyBody, requireJsonBody(body));
    return this.db.run(who.tenantId, (m) => putExtensionPolicy(m, who, input));
  }

  private async decide(who: Identity, id: string, extensionId: string, decision: ExtensionDecision, body: unknown) {
    const input = validate(DecideExtensionBody, body ?? {});
    return toExtensionView(await this.db.run(who.tenantId, (m) => decideExtension(m, this.outbox, who, id, extensionId, decision, input)));
  }
}
