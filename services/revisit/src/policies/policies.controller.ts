import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Outbox, Roles, TenantDb } from '@hotline/platform';
import { parsePutPolicy, PutPolicyBody } from './policies.schemas';
import { toPolicyMessage } from './policies.views';
import { putSamplingPolicy } from './put-sampling-policy.command';
import { listSamplingPolicies } from './sampling-policies.query';

@ApiTags('sampling-policies')
@ApiBearerAuth()
@Controller('v1/sampling-policies')
export class PoliciesController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Put(':requestType')
  @ApiZodBody(PutPolicyBody)
  @Roles('tenant-admin', 'supervisor')
  async put(@CurrentIdentity() who: Identity, @Param('requestType') requestType: string, @Body() body: unknown) {
    const input = parsePutPolicy(requestType, body);
    const policy = await this.db.run(who.tenantId, (m) => putSamplingPolicy(m, this.outbox, who.tenantId, input));
    return toPolicyMessage(policy);
  }

  @Get()
  @Roles('tenant-admin', 'supervisor', 'reviewer')
  async list(@CurrentIdentity() who: Identity) {
    const policies = await this.db.run(who.tenantId, (m) => listSamplingPolicies(m));
    return { items: policies.map(toPolicyMessage) };
  }
}
