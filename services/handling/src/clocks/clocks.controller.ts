import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PAUSE_DECIDERS, WORK_ORDER_READERS } from '@hotline/handling-domain';
import { ApiZodBody, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { UNIT_ROLES } from '@hotline/vocabulary';
import { requireJsonBody } from '../request-body';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';
import { askPause } from './ask-pause.command';
import { loadClockPolicy, pausesOf } from './clocks.repository';
import { AskPauseBody, PauseRemarkBody, PutClockPolicyBody } from './clocks.schemas';
import { toPauseView } from './clocks.views';
import { decidePause, PauseDecision } from './decide-pause.command';
import { putClockPolicy } from './put-clock-policy.command';
import { resumePause } from './resume-pause.command';

/** Honest clocks: when the handling clock starts (tenant policy) and the pauses that stop it. */
@ApiTags('clocks')
@ApiBearerAuth()
@Controller('v1')
export class ClocksController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Get('clock-policy')
  @Roles('tenant-admin', 'supervisor', 'dispatcher')
  async policy(@CurrentIdentity() who: Identity) {
    return this.db.run(who.tenantId, (m) => loadClockPolicy(m));
  }

  @Put('clock-policy')
  @ApiZodBody(PutClockPolicyBody)
  @Roles('tenant-admin')
  async putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutClockPolicyBody, requireJsonBody(body));
    return this.db.run(who.tenantId, (m) => putClockPolicy(m, who, input));
  }

  /** Every pause of the order, asked, decided and ended, with the due before and after. */
  @Get('work-orders/:id/pauses')
  @Roles(...WORK_ORDER_READERS)
  async list(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return this.db.run(who.tenantId, async (m) => {
      const order = await findVisibleWorkOrder(m, who, id);
      return { items: (await pausesOf(m, order.id)).map(toPauseView) };
    });
  }

  @Post('work-orders/:id/pauses')
  @HttpCode(201)
  @ApiZodBody(AskPauseBody)
  @Roles(...UNIT_ROLES)
  async ask(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(AskPauseBody, requireJsonBody(body));
    return toPauseView(await this.db.run(who.tenantId, (m) => askPause(m, this.outbox, who, id, input)));
  }

  @Post('work-orders/:id/pauses/:pauseId/approve')
  @HttpCode(200)
  @ApiZodBody(PauseRemarkBody)
  @Roles(...PAUSE_DECIDERS)
  async approve(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('pauseId') pauseId: string, @Body() body: unknown) {
    return this.decide(who, id, pauseId, 'approve', body);
  }

  @Post('work-orders/:id/pauses/:pauseId/refuse')
  @HttpCode(200)
  @ApiZodBody(PauseRemarkBody)
  @Roles(...PAUSE_DECIDERS)
  async refuse(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('pauseId') pauseId: string, @Body() body: unknown) {
    return this.decide(who, id, pauseId, 'refuse', body);
  }

  /** The clock runs again: the unit got what it waited for, or the hotline ends the pause. */
  @Post('work-orders/:id/pauses/:pauseId/end')
  @HttpCode(200)
  @Roles(...UNIT_ROLES, ...PAUSE_DECIDERS)
  async end(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('pauseId') pauseId: string) {
    return toPauseView(await this.db.run(who.tenantId, (m) => resumePause(m, this.outbox, who, id, pauseId)));
  }

  private async decide(who: Identity, id: string, pauseId: string, decision: PauseDecision, body: unknown) {
    const input = validate(PauseRemarkBody, body ?? {});
    return toPauseView(await this.db.run(who.tenantId, (m) => decidePause(m, this.outbox, who, id, pauseId, decision, input)));
  }
}
