import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { putQueuePolicy } from './put-queue-policy.command';
import { loadQueuePolicy } from './queue-policy.query';
import { PutQueuePolicyBody } from './queue-policy.schemas';

@ApiTags('dispatch queue')
@ApiBearerAuth()
@Controller('v1/dispatch-queue-policy')
export class QueuePolicyController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiOperation({ summary: 'The dispatch limits of the manual queue: calendar minutes per urgency and the warning share (defaults when configured is false)' })
  @Roles('tenant-admin', 'supervisor', 'dispatcher')
  async policy(@CurrentIdentity() who: Identity) {
    return this.db.read(who.tenantId, (m) => loadQueuePolicy(m));
  }

  @Put()
  @ApiOperation({ summary: 'Replaces the dispatch limits; requests queued from now on run on them' })
  @ApiZodBody(PutQueuePolicyBody)
  @Roles('tenant-admin')
  async putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutQueuePolicyBody, body);
    return this.db.run(who.tenantId, (m) => putQueuePolicy(m, who.tenantId, who.subject, input));
  }
}
